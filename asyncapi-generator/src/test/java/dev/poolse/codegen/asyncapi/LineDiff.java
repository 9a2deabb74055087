package dev.poolse.codegen.asyncapi;

import java.util.List;

/** A small line diff for readable golden-test failures: each differing line with its number. */
final class LineDiff {

    private static final int MAX_LINES = 40;

    private LineDiff() {
    }

    static String describe(String file, String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        StringBuilder out = new StringBuilder("--- expected ").append(file).append("\n+++ generated ").append(file).append('\n');
        int shown = 0;
        for (int i = 0; i < Math.max(want.size(), got.size()) && shown < MAX_LINES; i++) {
            String w = i < want.size() ? want.get(i) : null;
            String g = i < got.size() ? got.get(i) : null;
            if (w == null || !w.equals(g)) {
                if (w != null) {
                    out.append(String.format("%4d - %s%n", i + 1, w));
                }
                if (g != null) {
                    out.append(String.format("%4d + %s%n", i + 1, g));
                }
                shown++;
            }
        }
        if (shown == MAX_LINES) {
            out.append("     ... (more differences)\n");
        }
        return out.toString();
    }
}
