export * from './library-config';
export * from './categories';
export * from './materials';
export * from './library-subgraph';
export * from './library-events';
export * from './applications/application-status';
export * from './members/member-status';
export { runSchedule } from './schedule/daily-schedule';
export { loadLibraryDemoData } from './demo-data';
