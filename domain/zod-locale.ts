import { z } from 'zod';

/** Swedish messages for zod's built-in rules; imported once by each entry point (web, worker, workflow bundle). */
z.config(z.locales.sv());
