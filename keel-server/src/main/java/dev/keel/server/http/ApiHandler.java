package dev.keel.server.http;

/**
 * One route's logic. It runs on Armeria's blocking executor, so it may call the database and blob store
 * directly. It returns an {@link ApiResponse}, an Armeria {@code HttpResponse} (streamed downloads), null
 * (204) or any other object (200 with that object as JSON); it throws {@code KeelException} to fail.
 */
@FunctionalInterface
public interface ApiHandler {
    Object handle(ApiRequest request) throws Exception;
}
