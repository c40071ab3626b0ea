package dev.keel.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the CLI talks to a person at a terminal, so live progress bars make sense. */
final class Terminal {
    private Terminal() {}

    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // JDK 22+ returns a Console even when output is redirected and adds isTerminal() to tell; Keel
        // compiles for 21, so ask for it reflectively where the running JDK has it.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
