/**
 * Typed, validated configuration: {@link dev.keel.core.config.KeelConfig} and its parts, loaded by
 * {@link dev.keel.core.config.KeelConfigLoader} from {@code keel.yaml}, {@code KEEL_*} variables and flags.
 * Sizes and durations are typed ({@link dev.keel.core.config.DataSize}, {@link java.time.Duration}).
 */
package dev.keel.core.config;
