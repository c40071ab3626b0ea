package dev.keel.cli.datasets;

import dev.keel.client.datasets.DatasetsClient;

/** {@code NAME[@REF]} on the command line; without a ref, the dataset's head. */
record DatasetRef(String name, String ref) {
    static DatasetRef parse(String text) {
        int at = text.lastIndexOf('@');
        return at < 0 ? new DatasetRef(text, null) : new DatasetRef(text.substring(0, at), text.substring(at + 1));
    }

    /** The ref, or the head's number when none was given. */
    String resolve(DatasetsClient datasets) {
        if (ref != null && !ref.isBlank()) {
            return ref;
        }
        Integer head = datasets.get(name).dataset().headVersion();
        if (head == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
                    "dataset " + name + " has no versions yet");
        }
        return String.valueOf(head);
    }
}
