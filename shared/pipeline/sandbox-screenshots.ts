/** @module Where the sandbox runner stores a route's screenshot in the private bucket "sandbox": `{user}/{job}/{attempt}/{route slug}.png`. */

/** The bucket's file name of a route pattern: `/clients/:id` → `clients-id.png`, `/` → `home.png`. */
export const screenshotFile = (route: string) => `${route.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "home"}.png`;

/** The object name of attempt `attempt`'s screenshot of `route`; the first folder is the owner, which the bucket's read policy checks. */
export const screenshotPath = (run: { user_id: string; job_id: string; attempt: number }, route: string) =>
  `${run.user_id}/${run.job_id}/${run.attempt}/${screenshotFile(route)}`;
