import type { ImageProfile } from '../profile';
import postgres from './postgres';
import { FAMILY as databases } from './family-databases';
import { FAMILY as edge } from './family-edge';
import { FAMILY as apps } from './family-apps';
import { FAMILY as observability } from './family-observability';
import { FAMILY as zabbix } from './family-zabbix';
import { FAMILY as base } from './family-base';
import { FAMILY as langs } from './family-langs';

/** Every image profile. Adding an image is adding its file, its test and one line here. */
export const PROFILES: readonly ImageProfile[] = [postgres, ...databases, ...edge, ...apps, ...observability, ...zabbix, ...base, ...langs];
