package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The guard's bookkeeping: a part of a result counts as checked once the test has read it. */
class AllThreeLookedAtTest {
    @Test
    void aResultNamesThePartsNotYetRead() {
        Cli.Result r = new Cli.Result(2, "", "error: bad\n");
        assertThat(r.unread()).containsExactly("the exit code", "stdout", "stderr");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.unread()).containsExactly("stdout", "stderr");
        assertThat(r.err()).isEqualTo("error: bad\n");
        assertThat(r.unread()).containsExactly("stdout");
        assertThat(r.out()).isEmpty();
        assertThat(r.unread()).isEmpty();
        assertThat(r).hasToString("exit 2\n--- stdout\n--- stderr\nerror: bad\n");
    }
}
