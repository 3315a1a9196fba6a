package dev.compactor.ddl;

/**
 * A field of the reader schema that a table leaves out because its reader cannot read the field as
 * any Athena type. Columns and struct fields are matched by name, so leaving one out keeps the rest
 * of the table readable; the DDL names every omission in a comment.
 *
 * @param path where the field is, e.g. {@code timing.started} ({@code []} marks array elements,
 *     {@code {}} map values, {@code <member1>} a union member)
 * @param reason why it cannot be read, and where to read it instead
 */
public record OmittedField(String path, String reason) {}
