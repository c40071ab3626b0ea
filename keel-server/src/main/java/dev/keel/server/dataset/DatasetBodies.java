package dev.keel.server.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.core.dataset.ManifestEntry;
import dev.keel.core.error.Problems;
import java.util.ArrayList;
import java.util.List;

/** Request bodies of the dataset API, as the contract spells them. */
final class DatasetBodies {
    private DatasetBodies() {}

    record CreateDataset(String name, String description, String project) {}

    record FileToAdd(String path, String sha256, Long size) {}

    record Commit(String parent, String message, List<String> tags, List<FileToAdd> add, List<String> remove,
            JsonNode format, JsonNode split) {
        /** The files to add as manifest entries; INVALID_ARGUMENT naming every bad field. */
        List<ManifestEntry> manifestEntries() {
            Problems problems = new Problems();
            List<ManifestEntry> entries = new ArrayList<>();
            List<FileToAdd> files = add == null ? List.of() : add;
            for (int i = 0; i < files.size(); i++) {
                FileToAdd file = files.get(i);
                if (file == null) {
                    problems.add("add[" + i + "]", null, "{\"path\", \"sha256\", \"size\"}");
                    continue;
                }
                boolean ok = true;
                if (file.path() == null) {
                    problems.add("add[" + i + "].path", null, "a relative path");
                    ok = false;
                }
                if (!dev.keel.core.hash.Sha256.isValid(file.sha256())) {
                    problems.add("add[" + i + "].sha256", file.sha256(), "64 lower-case hex characters");
                    ok = false;
                }
                if (file.size() == null || file.size() < 0) {
                    problems.add("add[" + i + "].size", file.size(), ">= 0");
                    ok = false;
                }
                if (ok) {
                    entries.add(new ManifestEntry(file.path(), file.size(), file.sha256()));
                }
            }
            problems.throwIfAny("commit");
            return entries;
        }
    }

    record Import(String path, String parent, String message, List<String> tags, JsonNode format, JsonNode split) {}

    record ImportWellKnown(String dataset, String name, String path, Boolean download, String project) {}

    record TagTarget(String version) {}
}
