#!/usr/bin/env node
// The kustodian command as npm links it (see launch.js).
import { launch } from './launch.js';

launch('kustodian');
