package dev.keel.cli;

import dev.keel.client.KeelClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Builds the {@code keel} command line with Keel's error handling: failures print {@code error: <message>} and
 * the server's details to stderr and exit with an {@link ExitCodes} code. {@code keel-server}'s Main adds the
 * {@code server} subcommand to what this returns.
 */
public final class KeelCli {
    private KeelCli() {}

    public static CommandLine commandLine(Map<String, String> env, Path userHome, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new KeelCommand(env, userHome));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(executionErrors());
        commandLine.setParameterExceptionHandler(parameterErrors());
        return commandLine;
    }

    /** Runs {@code args} with the process's environment and streams. */
    public static int run(CommandLine commandLine, String... args) {
        return commandLine.execute(args);
    }

    private static IExecutionExceptionHandler executionErrors() {
        return (exception, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (exception instanceof KeelClientException e) {
                err.println("error: " + e.getMessage());
                e.details().stream().filter(d -> !d.equals(e.getMessage())).forEach(d -> err.println("  - " + d));
                err.flush();
                return ExitCodes.of(e);
            }
            if (exception instanceof IllegalArgumentException) {
                err.println("error: " + exception.getMessage());
                err.flush();
                return ExitCodes.INVALID_INPUT;
            }
            err.println("error: " + (exception.getMessage() == null ? exception.toString() : exception.getMessage()));
            err.flush();
            return ExitCodes.OTHER;
        };
    }

    private static IParameterExceptionHandler parameterErrors() {
        return (ParameterException exception, String[] args) -> {
            CommandLine commandLine = exception.getCommandLine();
            PrintWriter err = commandLine.getErr();
            err.println("error: " + exception.getMessage());
            err.println("(see `" + commandLine.getCommandSpec().qualifiedName() + " --help`)");
            err.flush();
            return ExitCodes.INVALID_INPUT;
        };
    }
}
