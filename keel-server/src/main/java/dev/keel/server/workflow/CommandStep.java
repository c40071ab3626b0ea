package dev.keel.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.workflow.engine.StepContext;
import dev.keel.workflow.engine.StepExecutor;
import dev.keel.workflow.engine.StepFailure;
import dev.keel.workflow.engine.StepResult;
import dev.keel.workflow.engine.StepType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code command}: runs a local process, {@code command} as a list (program and arguments; no shell) in
 * {@code directory}, with extra {@code env}; its merged stdout and stderr are the step's log, its last line the
 * output {@code last_line}. A non-zero exit fails the attempt; a cancel or timeout kills the process tree. Only
 * admins may apply pipelines with command steps (the API checks), since they run as the server's user.
 */
final class CommandStep implements StepExecutor {
    static StepType type() {
        return StepType.of("command", Set.of("command"), Set.of("directory", "env"), new CommandStep());
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        JsonNode command = context.params().get("command");
        List<String> args = new ArrayList<>();
        if (command.isArray()) {
            command.forEach(arg -> args.add(arg.asText()));
        } else {
            args.addAll(List.of(command.asText().trim().split("\\s+")));
        }
        if (args.isEmpty() || args.getFirst().isBlank()) {
            throw StepFailure.permanent("params.command: " + command + " (expected: [program, args…])");
        }
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        context.optionalText("directory").ifPresent(dir -> builder.directory(Path.of(dir).toFile()));
        JsonNode env = context.params().path("env");
        env.fields().forEachRemaining(e -> builder.environment().put(e.getKey(), e.getValue().asText()));
        context.log("$ " + String.join(" ", args));
        Process process = builder.start();
        String lastLine = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = readLine(out, process)) != null) {
                context.log(line);
                lastLine = line;
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw StepFailure.retryable("command exited with " + exit + (lastLine.isEmpty() ? "" : ": " + lastLine));
            }
            return StepResult.of(Map.of("exit_code", "0", "last_line", lastLine));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** A blocking read that still notices an interrupt: waits for data in short slices. */
    private static String readLine(BufferedReader out, Process process) throws Exception {
        while (!out.ready()) {
            if (!process.isAlive()) {
                return out.readLine();
            }
            Thread.sleep(20);
        }
        return out.readLine();
    }
}
