package dev.keel.serve.registry;

import dev.keel.core.error.KeelException;
import java.util.regex.Pattern;

/** What the registry accepts as model names, aliases, tags and pages; each rule names the expected form. */
final class RegistryNames {
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    private RegistryNames() {}

    static void requireModelName(String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw KeelException.invalid("name: " + name + " (expected: 1-128 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit)");
        }
    }

    static void requireAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches() || alias.equals(ModelRegistry.LATEST)) {
            throw KeelException.invalid("alias: " + alias + " (expected: 1-64 letters, digits, '_' or '-', starting "
                    + "with a letter or '_', and not 'latest')");
        }
    }

    static void requireTag(String key, String value) {
        if (key == null || key.isBlank() || key.length() > 250 || value == null || value.length() > 5000) {
            throw KeelException.invalid("tag: " + key + " (expected: a key of 1-250 characters and a value of at most "
                    + "5000)");
        }
    }

    static void requirePage(int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw KeelException.invalid("limit/offset: " + limit + "/" + offset + " (expected: limit >= 1, offset >= 0)");
        }
    }
}
