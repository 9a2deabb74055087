package dev.poolse.spectools;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link SpecChecker#check run}: the problems that fail the build, and notes
 * that are worth printing but fail nothing (a skipped gate, compatible additions).
 *
 * @param problems the problems, in the order the checks found them; empty when the specs pass
 * @param notes    informational lines, in order
 */
public record SpecCheckResult(List<Problem> problems, List<String> notes) {

    /**
     * Copies the lists so the result is immutable.
     *
     * @throws NullPointerException if a list or an element is null
     */
    public SpecCheckResult {
        problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /**
     * Tells whether the specs passed every check.
     *
     * @return true when there is no problem
     */
    public boolean passed() {
        return problems.isEmpty();
    }

    /**
     * Returns the problems found by one check.
     *
     * @param check the check
     * @return its problems, possibly empty
     * @throws NullPointerException if {@code check} is null
     */
    public List<Problem> problems(Problem.Check check) {
        Objects.requireNonNull(check, "check");
        return problems.stream().filter(p -> p.check() == check).toList();
    }
}
