/**
 * The Keel server process: {@link dev.keel.server.KeelServer} (composition root and lifecycle) and
 * {@link dev.keel.server.Main} (the {@code keel} executable, CLI plus {@code keel server}).
 */
package dev.keel.server;
