// Loaded with `node --import` ahead of the bot: from then on, importing the PostgreSQL driver is an error. The
// process tests start a bot on SQLite this way to show that it never loads pg.
import { register } from 'node:module';

register('./refuse-pg-hooks.mjs', import.meta.url);
