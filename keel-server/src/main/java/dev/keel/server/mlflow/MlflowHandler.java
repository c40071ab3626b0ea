package dev.keel.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;

/** One MLflow endpoint: reads its parameters, returns the JSON answer (an empty object when MLflow's is). */
@FunctionalInterface
interface MlflowHandler {
    JsonNode handle(MlflowRequest request) throws Exception;
}
