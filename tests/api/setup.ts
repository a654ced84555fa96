/** Loaded before every test file: decorator metadata polyfill and quiet logs. */
import 'reflect-metadata';

process.env.LOG_LEVEL ??= 'silent';
