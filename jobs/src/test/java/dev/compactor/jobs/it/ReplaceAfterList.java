package dev.compactor.jobs.it;

import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.util.List;

/**
 * An object store that overwrites one key with another object's bytes right after the first listing
 * that shows it, as an upstream redelivery racing the job would: the plan names the old version,
 * the read gets the new one.
 */
final class ReplaceAfterList extends ForwardingObjectStore {

  private final String victim;
  private final String replacement;
  private boolean replaced;

  ReplaceAfterList(ObjectStore delegate, String victim, String replacement) {
    super(delegate);
    this.victim = victim;
    this.replacement = replacement;
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> listed = delegate.list(prefix);
    if (!replaced && listed.stream().anyMatch(o -> o.key().equals(victim))) {
      delegate.put(victim, delegate.readAll(replacement));
      replaced = true;
    }
    return listed;
  }

  boolean replaced() {
    return replaced;
  }

  @Override
  public void close() {
    // The harness owns and closes the delegate.
  }
}
