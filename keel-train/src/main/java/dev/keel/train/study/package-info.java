/**
 * Hyperparameter studies: a base training spec, a {@link dev.keel.train.study.SearchSpace}, a
 * {@link dev.keel.train.study.SearchAlgorithm} (grid, seeded random), a trial budget and parallelism, and an
 * {@link dev.keel.train.study.Objective}. Each trial is an ordinary training job (and so a tracked run) submitted
 * through {@link dev.keel.train.job.JobService}; {@link dev.keel.train.study.StudyService} drives the loop. New
 * search algorithms (TPE, Bayesian) implement {@code SearchAlgorithm}; schedulers such as ASHA or Hyperband
 * implement {@link dev.keel.train.study.EarlyStoppingPolicy}; neither touches the job machinery.
 */
package dev.keel.train.study;
