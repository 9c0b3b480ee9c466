package dev.forgather.logs.cli;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that ran the command line and did not look at its exit code, stdout and stderr,
 * each of them; registered for every test class through {@code META-INF/services}.
 */
public final class AllThreeLookedAt implements BeforeEachCallback, AfterEachCallback {
    private static final ThreadLocal<List<Cli.Result>> RESULTS = ThreadLocal.withInitial(ArrayList::new);

    static void created(Cli.Result result) {
        RESULTS.get().add(result);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RESULTS.get().clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Cli.Result> results = List.copyOf(RESULTS.get());
        RESULTS.get().clear();
        if (context.getExecutionException().isPresent()) {
            return;
        }
        StringBuilder unchecked = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            List<String> unread = results.get(i).unread();
            if (!unread.isEmpty()) {
                unchecked
                        .append("\nrun ")
                        .append(i + 1)
                        .append(" of ")
                        .append(results.size())
                        .append(" did not check ")
                        .append(String.join(", ", unread))
                        .append(" of:\n")
                        .append(results.get(i));
            }
        }
        if (!unchecked.isEmpty()) {
            throw new AssertionError(testName(context) + " ran the command line and left part of what a user sees"
                    + " unchecked:" + unchecked);
        }
    }

    /** The class and the test as JUnit names them in its report, e.g. {@code CheckCommandTest > aHealthyRun()}. */
    private static String testName(ExtensionContext context) {
        String test = context.getDisplayName();
        return context.getParent()
                .map(parent -> parent.getDisplayName() + " > " + test)
                .orElse(test);
    }
}
