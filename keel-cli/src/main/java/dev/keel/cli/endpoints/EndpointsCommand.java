package dev.keel.cli.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.cli.KeelCommand;
import dev.keel.client.endpoints.Deployment;
import dev.keel.client.endpoints.EndpointInfo;
import dev.keel.client.endpoints.EndpointsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel endpoints …}: deploy a model version or alias behind the batcher, inspect, predict, undeploy. */
@Command(name = "endpoints", aliases = "endpoint", description = "Deploy models as endpoints, inspect them, predict, undeploy.",
        subcommands = {EndpointsCommand.Deploy.class, EndpointsCommand.ListEndpoints.class, EndpointsCommand.Show.class,
                EndpointsCommand.Predict.class, EndpointsCommand.Undeploy.class})
public final class EndpointsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final List<String> HEADERS = List.of("endpoint", "model", "reference", "serving", "max batch",
            "queue delay µs", "workers", "queue depth");

    private static List<?> row(EndpointInfo e) {
        return Arrays.asList(e.endpoint(), e.model(), e.reference(), String.join(",", e.versions()), e.maxBatchSize(),
                e.maxQueueDelayMicros(), e.workers(), e.queueDepth());
    }

    private static EndpointsClient endpoints(KeelCommand root) {
        return new EndpointsClient(root.client());
    }

    @Command(name = "deploy", description = "Deploy MODEL@REF (a version or an alias, which the endpoint follows) as "
            + "ENDPOINT; redeploying swaps it without downtime.")
    static final class Deploy implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Parameters(index = "1", paramLabel = "MODEL@REF")
        String target;

        @Option(names = "--max-batch-size", paramLabel = "N")
        Integer maxBatchSize;

        @Option(names = "--max-queue-delay-us", paramLabel = "MICROS", description = "0: never wait for more requests.")
        Long maxQueueDelayMicros;

        @Option(names = "--queue-capacity", paramLabel = "N", description = "Requests beyond it get 429.")
        Integer queueCapacity;

        @Option(names = "--timeout-ms", paramLabel = "MILLIS", description = "Per-request deadline.")
        Long timeoutMillis;

        @Option(names = "--workers", paramLabel = "N")
        Integer workers;

        @Option(names = "--canary", paramLabel = "REF=WEIGHT", description = "Send WEIGHT (0..1) of traffic to REF.")
        String canary;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            int at = target.indexOf('@');
            if (at <= 0 || at == target.length() - 1) {
                throw new IllegalArgumentException("MODEL@REF: " + target + " (expected: a model name, @, and a version"
                        + " or alias, e.g. fashion-mnist-cnn@production)");
            }
            Deployment.Canary split = null;
            if (canary != null) {
                int eq = canary.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--canary: " + canary + " (expected: REF=WEIGHT, e.g. 3=0.1)");
                }
                split = new Deployment.Canary(canary.substring(0, eq), Double.parseDouble(canary.substring(eq + 1)));
            }
            EndpointInfo info = endpoints(root).deploy(new Deployment(endpoint, target.substring(0, at),
                    target.substring(at + 1), maxBatchSize, maxQueueDelayMicros, queueCapacity, timeoutMillis, workers,
                    null, split));
            root.output().list(List.of(info), HEADERS, EndpointsCommand::row);
        }
    }

    @Command(name = "list", description = "List deployed endpoints.")
    static final class ListEndpoints implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(endpoints(root).list(), HEADERS, EndpointsCommand::row);
        }
    }

    @Command(name = "show", description = "Show an endpoint: versions serving, batch policy, queue, signature.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            EndpointInfo e = endpoints(root).get(endpoint);
            root.output().object(e, List.of("endpoint", "model", "reference", "version", "versions", "canary",
                    "max batch size", "max queue delay µs", "queue capacity", "timeout ms", "workers", "queue depth",
                    "signature"), x -> Arrays.asList(e.endpoint(), e.model(), e.reference(), e.version(),
                    String.join(",", e.versions()), e.canary() == null ? "" : e.canary(), e.maxBatchSize(),
                    e.maxQueueDelayMicros(), e.queueCapacity(), e.requestTimeoutMillis(), e.workers(), e.queueDepth(),
                    e.signature()));
        }
    }

    @Command(name = "predict", description = "Send a JSON request ({\"inputs\": {...}}) from FILE (- for stdin) and "
            + "print the JSON answer.")
    static final class Predict implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Parameters(index = "1", paramLabel = "FILE")
        String file;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            JsonNode body;
            try {
                byte[] bytes = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
                body = root.client().json().readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("FILE: " + file + " is not JSON (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
            root.output().printJson(endpoints(root).predict(endpoint, body));
        }
    }

    @Command(name = "undeploy", description = "Remove an endpoint (queued requests are answered first).")
    static final class Undeploy implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            endpoints(root).undeploy(endpoint);
            root.output().message("undeployed " + endpoint);
        }
    }
}
