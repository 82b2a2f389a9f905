/**
 * Our channels: GA4's default channel groups, as @pulse/enrichment assigns them. Kept here as data
 * (not imported) because this package only reads the stored values.
 */
export const CHANNELS = [
  "Direct",
  "Cross-network",
  "Paid Shopping",
  "Paid Search",
  "Paid Social",
  "Paid Video",
  "Display",
  "Paid Other",
  "Organic Shopping",
  "Organic Social",
  "Organic Video",
  "Organic Search",
  "Email",
  "Affiliates",
  "Referral",
  "Audio",
  "SMS",
  "Mobile Push Notifications",
  "Unassigned",
] as const;

/**
 * The channels a Kindmetrics medium stands for. Kindmetrics' mediums are groups such as "Social"
 * or "Search"; a medium names each channel it is the last word of ("Social": Organic Social and
 * Paid Social) or a channel itself, ignoring case. Anything else is kept as given, so it matches
 * nothing rather than everything.
 */
export function channelsOfMedium(medium: string): string[] {
  const wanted = medium.trim().toLowerCase();
  const found = CHANNELS.filter((channel) => {
    const name = channel.toLowerCase();
    return name === wanted || name.endsWith(` ${wanted}`);
  });
  return found.length > 0 ? found : [medium];
}
