/**
 * Training specs: the declarative YAML/JSON description of a run ({@link dev.keel.train.spec.TrainingSpec}), its
 * parser and validator that report every problem at once ({@link dev.keel.train.spec.TrainingSpecParser}), and
 * its canonical form and hash ({@link dev.keel.train.spec.SpecJson}).
 */
package dev.keel.train.spec;
