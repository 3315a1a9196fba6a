package dev.compactor.jobs.it;

import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.util.List;

/**
 * An object store that deletes one key right after the first listing that shows it, as an upstream
 * cleanup racing the job would: the plan names the file, the read finds it gone.
 */
final class DeleteAfterList extends ForwardingObjectStore {

  private final String victim;
  private boolean deleted;

  DeleteAfterList(ObjectStore delegate, String victim) {
    super(delegate);
    this.victim = victim;
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> listed = delegate.list(prefix);
    if (!deleted && listed.stream().anyMatch(o -> o.key().equals(victim))) {
      delegate.delete(victim);
      deleted = true;
    }
    return listed;
  }

  boolean deleted() {
    return deleted;
  }

  @Override
  public void close() {
    // The harness owns and closes the delegate.
  }
}
