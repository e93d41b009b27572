package org.fovea.app.cli;

import java.io.PrintStream;

/**
 * Progress on the terminal: one self-overwriting line when attached to a terminal, otherwise a
 * line at each tenth so logs of scripted runs stay short.
 */
final class ConsoleProgress {
    private final PrintStream out;
    private final String what;
    private final boolean terminal = System.console() != null;
    private int lastTenth = -1;

    ConsoleProgress(PrintStream out, String what) {
        this.out = out;
        this.what = what;
    }

    void update(int done, int total, String current) {
        if (total <= 0) {
            return;
        }
        if (terminal) {
            String name = current == null ? "" : current;
            if (name.length() > 40) {
                name = "…" + name.substring(name.length() - 39);
            }
            out.printf("\r%s %d/%d %-40s", what, done, total, name);
            if (done == total) {
                out.println();
            }
        } else {
            int tenth = done * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.printf("%s %d/%d%n", what, done, total);
            }
        }
        out.flush();
    }
}
