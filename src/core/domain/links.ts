/** The longest link the bot keeps (evidence, an alert's source, a deployment's page). */
export const MAX_LINK = 1000;

/**
 * Why `url` is not a web link people can open from a Slack message, or undefined when it is: http(s), a host with a
 * dot, no spaces, and none of `<`, `>` or `|`, which would break out of Slack's `<url|label>` link markup.
 */
export function whyNotWebLink(url: string): string | undefined {
  if (url.length > MAX_LINK) return `A link is at most ${MAX_LINK} characters.`;
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+[^\s]*$/i.test(url) || /[<>|]/.test(url)) {
    return 'That is not a web link. Give a full address such as https://ci.example.com/run/42';
  }
  return undefined;
}

/** A checked link inside Slack's `<url|label>` markup: `&` is the only character left to escape. */
export function slackLink(url: string, label: string): string {
  return `<${url.replaceAll('&', '&amp;')}|${label}>`;
}
