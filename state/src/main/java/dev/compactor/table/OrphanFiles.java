package dev.compactor.table;

import dev.compactor.store.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which of the table's listed data files retention may delete. A file is an orphan when no live
 * snapshot references it (a run killed after uploading it but before its manifests, a rebuild whose
 * file lost, a file the snapshot expiry left behind) and it is deleted only when, in addition, no
 * manifest names it (a run wrote the manifest but missed the commit: the next run commits that
 * file) and it was last modified more than the age ago (a run in flight may be about to commit a
 * younger one). Anything else is kept.
 *
 * @param now the time of the decision
 * @param age how long a file stays untouched before it may be deleted
 */
public record OrphanFiles(Instant now, Duration age) {

  /**
   * What retention does with the listed files.
   *
   * @param delete the orphans to delete, key order
   * @param referenced files kept because a live snapshot references them
   * @param named files kept because a manifest names them, though no snapshot references them
   * @param young files kept because they are younger than the age, though nothing refers to them
   */
  public record Plan(List<ObjectInfo> delete, int referenced, int named, int young) {

    public Plan {
      delete = List.copyOf(delete);
    }

    public boolean isEmpty() {
      return delete.isEmpty();
    }
  }

  /**
   * @param listed the data files found in the folders retention looks at
   * @param referenced keys of every file a live snapshot of the table references
   * @param named keys of every file a manifest of the listed files' hours names
   */
  public Plan plan(Collection<ObjectInfo> listed, Set<String> referenced, Set<String> named) {
    Instant horizon = now.minus(age);
    List<ObjectInfo> delete = new ArrayList<>();
    int keptReferenced = 0;
    int keptNamed = 0;
    int keptYoung = 0;
    for (ObjectInfo object : listed) {
      if (referenced.contains(object.key())) {
        keptReferenced++;
      } else if (named.contains(object.key())) {
        keptNamed++;
      } else if (object.lastModified() == null || !object.lastModified().isBefore(horizon)) {
        // An unknown time counts as young: deleting is never the default.
        keptYoung++;
      } else {
        delete.add(object);
      }
    }
    delete.sort(Comparator.comparing(ObjectInfo::key));
    return new Plan(delete, keptReferenced, keptNamed, keptYoung);
  }
}
