package dev.poolse.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiDumpTest {
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");

    @Test
    void dumpsThePublicAndProtectedSurfaceSortedAndLeavesTheRestOut() throws Exception {
        String dump = ApiDump.render(ApiDump.dump(TEST_CLASSES, List.of("dev.poolse.apicheck.fixture.*")));

        assertThat(dump).isEqualTo(String.join("\n",
                "public final class dev.poolse.apicheck.fixture.Closed",
                "  public <init>()",
                "  public void reachable()",
                "public class dev.poolse.apicheck.fixture.Sample<T extends java.lang.Comparable<T>>"
                        + " implements java.util.function.Supplier<T>",
                "  public static final java.lang.String NAME",
                "  protected int count",
                "  protected <init>(int)",
                "  public <init>()",
                "  public T get()",
                "  public <R> java.util.List<R> map(java.util.function.Function<? super T, R>, java.lang.String...)"
                        + " throws java.io.IOException",
                "  @Deprecated public void old()",
                "public interface dev.poolse.apicheck.fixture.Sample$Listener",
                "  public default boolean enabled()",
                "  public abstract void on(java.lang.String)",
                "public enum dev.poolse.apicheck.fixture.Sample$Mode",
                "  public static final dev.poolse.apicheck.fixture.Sample$Mode FAST",
                "  public static final dev.poolse.apicheck.fixture.Sample$Mode SLOW",
                "  public static dev.poolse.apicheck.fixture.Sample$Mode valueOf(java.lang.String)",
                "  public static dev.poolse.apicheck.fixture.Sample$Mode[] values()",
                "public record dev.poolse.apicheck.fixture.Sample$Pair",
                "  public <init>(java.lang.String, int)",
                "  public final boolean equals(java.lang.Object)",
                "  public final int hashCode()",
                "  public java.lang.String left()",
                "  public int right()",
                "  public final java.lang.String toString()",
                ""));
    }

    @Test
    void aChangedSignatureFailsWithTheRemovedAndAddedLinesAndTheCommandToAcceptIt(@TempDir Path dir) throws Exception {
        String current = ApiDump.render(ApiDump.dump(TEST_CLASSES, List.of("dev.poolse.apicheck.fixture")));
        Path apiFile = dir.resolve("fixture.api");
        Files.writeString(apiFile, current.replace("public void reachable()", "public void reachable(int)"));

        String message = ApiCheck.describe(Files.readString(apiFile), current, apiFile, "mvn accept");

        assertThat(message)
                .contains("1 line(s) removed or changed, 1 added")
                .contains("  - dev.poolse.apicheck.fixture.Closed { public void reachable(int) }")
                .contains("  + dev.poolse.apicheck.fixture.Closed { public void reachable() }")
                .contains("accept it with\n    mvn accept")
                .contains("need the next major version");
    }

    @Test
    void internalPackagesAreNeverSelected() {
        assertThat(ApiDump.selected("dev/poolse/apicheck/fixture/internal/Impl", List.of("dev.poolse.apicheck.fixture.*")))
                .isFalse();
        assertThat(ApiDump.selected("dev/poolse/apicheck/fixture/Closed", List.of("dev.poolse.apicheck.fixture")))
                .isTrue();
        assertThat(ApiDump.selected("dev/poolse/apicheck/fixture/Closed", List.of("dev.poolse.apicheck")))
                .isFalse();
    }
}
