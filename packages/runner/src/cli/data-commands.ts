/**
 * `exp eval`, `exp datasets`, `exp vectors`: filled in as the evaluators and pretrained packages land.
 */
import type {Command} from 'commander';
import type {Runtime} from '../runtime.js';

export function registerDataCommands(_program: Command, _rt: Runtime): void {}
