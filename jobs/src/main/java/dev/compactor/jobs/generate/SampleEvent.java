package dev.compactor.jobs.generate;

/**
 * One click as its producer sent it; every copy of it carries these same values. Only {@code
 * received_at} differs between copies, so it lives in {@link Delivery}.
 *
 * @param eventId UUID string; its hash chose the bucket
 * @param eventTime epoch millis inside the partition's hour
 * @param userId e.g. {@code user-4711}
 * @param page path of the page
 * @param durationMs time on the page; fits an int because writer schema v1 has it as one
 * @param device index into the {@code Device} enum's symbols
 * @param referrer null when absent, and always null when a v1 producer sent the event
 */
record SampleEvent(
    String eventId,
    long eventTime,
    String userId,
    String page,
    int durationMs,
    int device,
    String referrer) {

  private static final String[] PAGES = {
    "/",
    "/search",
    "/cart",
    "/checkout",
    "/account",
    "/help",
    "/deals",
    "/product/1001",
    "/product/1002",
    "/product/1003",
    "/product/2001",
    "/product/2002",
    "/category/shoes",
    "/category/books",
    "/category/garden",
    "/blog"
  };
  private static final String[] REFERRERS = {
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://duckduckgo.com/",
    "https://news.ycombinator.com/",
    "https://t.co/",
    "https://www.reddit.com/",
    "https://mail.example.com/"
  };
  private static final int USERS = 50_000;

  /** Draws the event's payload; {@code hasReferrer} is false for producers still on writer v1. */
  static SampleEvent draw(SplitMix64 random, String eventId, long eventTime, boolean hasReferrer) {
    String userId = "user-" + random.nextInt(USERS);
    String page = PAGES[random.nextInt(PAGES.length)];
    int durationMs = 50 + random.nextInt(180_000);
    int roll = random.nextInt(100);
    // Roughly the desktop/mobile/tablet split of a consumer site.
    int device = roll < 55 ? 1 : roll < 90 ? 0 : 2;
    String referrer = null;
    if (hasReferrer && random.chance(0.6)) {
      referrer = REFERRERS[random.nextInt(REFERRERS.length)];
    }
    return new SampleEvent(eventId, eventTime, userId, page, durationMs, device, referrer);
  }
}
