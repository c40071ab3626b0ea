/**
 * Model architectures: the {@link dev.keel.train.model.ArchitectureProvider} SPI, the registry that finds
 * providers with {@link java.util.ServiceLoader}, and the built-ins ({@code mlp}, {@code cnn}, {@code resnet},
 * {@code text}) as DJL blocks whose every size comes from the spec.
 */
package dev.keel.train.model;
