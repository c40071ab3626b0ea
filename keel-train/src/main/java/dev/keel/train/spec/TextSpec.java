package dev.keel.train.spec;

/**
 * Tokenisation of a text input: optional lower-casing, split on every run of non-letters, keep the
 * {@code vocabularySize} most frequent tokens of the training split (ids 0 = padding, 1 = unknown), and pad or
 * truncate every sequence to {@code maxLength} ids.
 */
public record TextSpec(boolean lowercase, int vocabularySize, int maxLength) {}
