package dev.forgather.logs.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.TrainingLog;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GradExplosionTest {
    private static TrainingLog gradNorms(double[] grad) {
        LogMaker maker = new LogMaker();
        for (int i = 0; i < grad.length; i++) {
            maker.train((i + 1) * 10L, "loss", 2.0, "grad_norm", grad[i]);
        }
        return maker.build();
    }

    private static List<Finding> check(double[] grad) {
        return GradExplosion.defaults().check(LogMaker.closed(gradNorms(grad)));
    }

    @Test
    void aGradNormTenTimesItsEarlyMedianForTwentyFiveRecordsIsAnExplosion() {
        // 300 records: the baseline is the first fifth, 60 records (the first 100 from 500 records on).
        double[] grad = LogMaker.noisy(300, 0.4, 0.1, 1);
        assertThat(check(grad)).isEmpty();
        for (int i = 200; i < 240; i++) {
            grad[i] = 5.0; // 12.5x
        }
        List<Finding> found = check(grad);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.detector()).isEqualTo("grad_explosion");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.firstStep()).isEqualTo(OptionalLong.of(2010));
        assertThat(f.lastStep()).isEqualTo(OptionalLong.of(2400));
        assertThat(f.value()).isEqualTo(5.0);
        assertThat(f.threshold()).hasValue(10.0);
        assertThat(f.message())
                .matches("grad_explosion in grad_norm: the median of 25 records rose to 5, 1\\d\\.\\dx the"
                        + " median of the run's first 60 records \\(0\\.\\d+\\), at least 10x");
    }

    @Test
    void fewerThanHalfAWindowOfLargeValuesIsNoExplosion() {
        double[] grad = LogMaker.noisy(300, 0.4, 0.1, 2);
        for (int i = 200; i < 212; i++) {
            grad[i] = 5.0;
        }
        assertThat(check(grad)).isEmpty();
    }

    @Test
    void aShortRunComparesWithItsFirstFifthAtLeastTenRecords() {
        double[] grad = LogMaker.noisy(60, 0.4, 0.1, 3);
        for (int i = 12; i < 60; i++) {
            grad[i] = 8.0;
        }
        List<Finding> found = check(grad);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.firstStep()).isEqualTo(OptionalLong.of(130));
            assertThat(f.message()).contains("the run's first 12 records");
        });
        assertThat(check(LogMaker.noisy(15, 0.4, 0.1, 4))).isEmpty();
    }
}
