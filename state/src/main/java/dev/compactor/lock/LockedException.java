package dev.compactor.lock;

/** Another run holds the lease. Exit code 3. */
public class LockedException extends RuntimeException {

  private final LockRecord holder;

  public LockedException(String lockUri, LockRecord holder) {
    super(
        lockUri
            + " is locked by "
            + holder.owner()
            + " ("
            + holder.command()
            + ") on "
            + holder.host()
            + " until "
            + holder.expiresAt()
            + ". Wait for it to finish, pass --wait, or, if that run "
            + "is dead, let the lease expire: it is taken over automatically after that time.");
    this.holder = holder;
  }

  public LockRecord holder() {
    return holder;
  }
}
