package dev.compactor.jobs.generate;

/**
 * One generated input file before it is stored.
 *
 * @param name file name inside its partition folder, in the style of a Firehose delivery
 * @param bytes the complete Avro object container file
 * @param records records in it, copies included
 */
record GeneratedFile(String name, byte[] bytes, int records) {}
