package dev.compactor.jobs.generate;

/**
 * One copy of an event as it reached the pipeline, i.e. one record in one input file.
 *
 * @param event the payload every copy shares
 * @param receivedAt epoch millis when this copy arrived; a redelivered copy arrives later
 */
record Delivery(SampleEvent event, long receivedAt) {}
