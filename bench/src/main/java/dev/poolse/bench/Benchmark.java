package dev.poolse.bench;

import dev.poolse.bench.harness.ResultTable;

/**
 * One family of figures (REST, realtime, scale, caches, the dev server). Each run starts the servers and clients it
 * needs and closes them before returning, so families do not disturb each other's heap or thread figures.
 */
public interface Benchmark {

    /**
     * Returns the family's name, as used by {@code --only} and in the table's first column.
     *
     * @return the name
     */
    String section();

    /**
     * Measures and adds rows to the table. A failure is reported by the caller as a row, never as a crash of the
     * whole run.
     *
     * @param options the run's parameters
     * @param table where the figures go
     * @throws Exception when the family cannot complete
     */
    void run(BenchOptions options, ResultTable table) throws Exception;
}
