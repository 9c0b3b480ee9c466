package dev.forgather.logs.cli;

import dev.forgather.logs.check.CheckFormat;
import dev.forgather.logs.compare.Band;
import dev.forgather.logs.compare.ComparisonFormat;
import dev.forgather.logs.export.ExportFormat;
import dev.forgather.logs.format.SummaryFormat;
import dev.forgather.logs.plot.PlotFormat;
import dev.forgather.logs.plot.XAxis;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.WatchAxis;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One converter for every option that picks one of an enum's constants by the name users type
 * ({@code --format one-line}, {@code --x-axis epoch}), and the same names for help and shell
 * completion. Picocli wants a class with a no-argument constructor for each, so each enum is one
 * line below: {@code converter = Choices.SummaryFormats.class, completionCandidates = Choices.SummaryFormats.class}.
 */
abstract class Choices<E extends Enum<E>> implements CommandLine.ITypeConverter<E>, Iterable<String> {
    private final List<E> constants;
    private final Function<E, String> nameOf;
    private final String what;

    /**
     * @param nameOf the name a user types for a constant
     * @param what what a constant is, for the error: {@code 'gif' is not a plot format; ...}
     */
    Choices(Class<E> type, Function<E, String> nameOf, String what) {
        this.constants = Arrays.asList(type.getEnumConstants());
        this.nameOf = nameOf;
        this.what = what;
    }

    @Override
    public E convert(String value) {
        for (E constant : constants) {
            if (nameOf.apply(constant).equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException(
                "'" + value + "' is not " + what + "; expected one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return constants.stream().map(nameOf).iterator();
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** {@code logs summary --format text|json|md|one-line}. */
    static final class SummaryFormats extends Choices<SummaryFormat> {
        SummaryFormats() {
            super(SummaryFormat.class, SummaryFormat::cliName, "a format");
        }
    }

    /** {@code logs plot --band std|minmax|ci95}. */
    static final class Bands extends Choices<Band> {
        Bands() {
            super(Band.class, Band::cliName, "a band");
        }
    }

    /** {@code logs compare --format text|md|json|csv}. */
    static final class ComparisonFormats extends Choices<ComparisonFormat> {
        ComparisonFormats() {
            super(ComparisonFormat.class, ComparisonFormat::cliName, "a format");
        }
    }

    /** {@code logs export --format csv|jsonl|parquet}. */
    static final class ExportFormats extends Choices<ExportFormat> {
        ExportFormats() {
            super(ExportFormat.class, ExportFormat::cliName, "a format");
        }
    }

    /** {@code logs plot --format png|svg|pdf}. */
    static final class PlotFormats extends Choices<PlotFormat> {
        PlotFormats() {
            super(PlotFormat.class, PlotFormat::extension, "a plot format");
        }
    }

    /** {@code --x-axis step|epoch|time}. */
    static final class XAxes extends Choices<XAxis> {
        XAxes() {
            super(XAxis.class, Choices::lowerCase, "an x axis");
        }
    }

    /** {@code logs watch --x-axis step|epoch|time}. */
    static final class WatchAxes extends Choices<WatchAxis> {
        WatchAxes() {
            super(WatchAxis.class, WatchAxis::optionName, "an x axis");
        }
    }

    /** {@code logs watch --charset braille|block|ascii}. */
    static final class ChartCharsets extends Choices<ChartCharset> {
        ChartCharsets() {
            super(ChartCharset.class, ChartCharset::optionName, "a charset");
        }
    }

    /** {@code logs check --format text|json|github}. */
    static final class CheckFormats extends Choices<CheckFormat> {
        CheckFormats() {
            super(CheckFormat.class, CheckFormat::label, "a format");
        }
    }

    /** {@code logs check --fail-on error|warn|never}. */
    static final class FailOnLevels extends Choices<CheckCommand.FailOn> {
        FailOnLevels() {
            super(CheckCommand.FailOn.class, CheckCommand.FailOn::cliName, "a level");
        }
    }
}
