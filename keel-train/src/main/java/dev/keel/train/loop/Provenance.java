package dev.keel.train.loop;

import ai.djl.engine.Engine;
import dev.keel.core.KeelVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a run, for its record: Keel, DJL and PyTorch versions, JVM, OS, CPU model, host and, when
 * known, the git commit of the code ({@code KEEL_GIT_COMMIT}, else the {@code .git} of the working folder).
 * Values that cannot be found are {@code "unknown"}.
 */
public record Provenance(String keelVersion, String djlVersion, String pytorchVersion, String jvm, String os,
                         String cpuModel, String host, String gitCommit, int engineThreads) {
    private static final String UNKNOWN = "unknown";

    public static Provenance collect(Engine engine, int engineThreads) {
        return new Provenance(KeelVersion.current(), Engine.getDjlVersion(), engine.getVersion(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpuModel(), readHost(), gitCommit(Path.of("").toAbsolutePath()), engineThreads);
    }

    /** As string pairs, for tracking's key/value store. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("keel.version", keelVersion);
        map.put("djl.version", djlVersion);
        map.put("pytorch.version", pytorchVersion);
        map.put("jvm", jvm);
        map.put("os", os);
        map.put("cpu.model", cpuModel);
        map.put("host", host);
        map.put("git.commit", gitCommit);
        map.put("engine.threads", Integer.toString(engineThreads));
        return map;
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(UNKNOWN);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static String readHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    static String gitCommit(Path folder) {
        String fromEnvironment = System.getenv("KEEL_GIT_COMMIT");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                try {
                    String head = Files.readString(git.resolve("HEAD")).trim();
                    if (!head.startsWith("ref: ")) {
                        return head;
                    }
                    Path ref = git.resolve(head.substring(5));
                    if (Files.isRegularFile(ref)) {
                        return Files.readString(ref).trim();
                    }
                    Path packed = git.resolve("packed-refs");
                    if (Files.isRegularFile(packed)) {
                        String name = head.substring(5);
                        return Files.readAllLines(packed).stream().filter(line -> line.endsWith(" " + name))
                                .map(line -> line.substring(0, line.indexOf(' '))).findFirst().orElse(UNKNOWN);
                    }
                } catch (IOException e) {
                    return UNKNOWN;
                }
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
