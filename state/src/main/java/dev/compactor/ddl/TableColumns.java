package dev.compactor.ddl;

import java.util.List;

/**
 * The columns a table declares for a reader schema, in field order, and the fields it had to leave
 * out.
 *
 * @param columns the declared columns; never empty
 * @param omitted fields no column or struct field declares, each with the reason
 */
public record TableColumns(List<AthenaColumn> columns, List<OmittedField> omitted) {

  public TableColumns {
    columns = List.copyOf(columns);
    omitted = List.copyOf(omitted);
  }
}
