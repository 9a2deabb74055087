package dev.poolse.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a subject against its baseline in alternating rounds (baseline first, then subject first, and so on),
 * each with its own warm-up, and combines the rounds of each side.
 *
 * <p>On a shared machine, background load comes and goes; spreading both sides over the same stretch of time in
 * short alternating rounds makes the ratio far less sensitive to it than one long window each.
 */
public final class PairedRuns {

    /**
     * The combined measurement of both sides.
     *
     * @param subject the measured side, for example the SDK
     * @param baseline the side it is compared with, for example the raw client
     */
    public record Result(LoadResult subject, LoadResult baseline) {
    }

    private PairedRuns() {
    }

    /**
     * Runs both operations in alternating rounds.
     *
     * @param rounds how many rounds each side gets; positive
     * @param concurrency threads per run; positive
     * @param warmUp total warm-up per side, split over its rounds (at least 200 ms a round)
     * @param window total measured time per side, split over its rounds
     * @param maxOperations the most operations recorded per round; positive
     * @param name a label for the threads; not null
     * @param subject the measured operation; not null
     * @param baseline the baseline operation; not null
     * @return both sides' combined results
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static Result run(int rounds, int concurrency, Duration warmUp, Duration window, long maxOperations,
                             String name, ClosedLoop.Operation subject, ClosedLoop.Operation baseline)
            throws InterruptedException {
        if (rounds <= 0) {
            throw new IllegalArgumentException("rounds must be positive, was " + rounds);
        }
        if (name == null || subject == null || baseline == null || warmUp == null || window == null) {
            throw new NullPointerException("name, operations, warmUp and window are required");
        }
        Duration roundWarmUp = warmUp.dividedBy(rounds);
        if (roundWarmUp.compareTo(Duration.ofMillis(200)) < 0) {
            roundWarmUp = Duration.ofMillis(200);
        }
        ClosedLoop loop = new ClosedLoop(concurrency, roundWarmUp, window.dividedBy(rounds), maxOperations);
        List<LoadResult> subjects = new ArrayList<>();
        List<LoadResult> baselines = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                baselines.add(loop.run(name + "-baseline", baseline));
                subjects.add(loop.run(name + "-subject", subject));
            } else {
                subjects.add(loop.run(name + "-subject", subject));
                baselines.add(loop.run(name + "-baseline", baseline));
            }
        }
        return new Result(combine(subjects), combine(baselines));
    }

    /**
     * Combines runs of one side into one result: operations, errors and window lengths add up, latencies merge.
     *
     * @param runs the runs; not empty
     * @return the combined result
     */
    public static LoadResult combine(List<LoadResult> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs must not be empty");
        }
        long ops = 0;
        long errors = 0;
        long elapsed = 0;
        Throwable first = null;
        ThreadCpu.Usage cpu = ThreadCpu.Usage.NONE;
        List<LatencySamples> samples = new ArrayList<>();
        for (LoadResult r : runs) {
            ops += r.operations();
            errors += r.errors();
            elapsed += r.elapsedNanos();
            samples.add(r.latencies());
            cpu = cpu.plus(r.cpu());
            if (first == null) {
                first = r.firstError();
            }
        }
        return new LoadResult(ops, errors, elapsed, LatencySamples.merge(samples), first, cpu);
    }
}
