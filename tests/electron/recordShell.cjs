// Loaded with `electron -r` before Navi's main process, in the _electron tests only. Records what Navi
// shows natively (error boxes, message boxes, notifications, the tray menu, links opened, focus), so
// tests can read it with app.evaluate, or from NAVI_TEST_RECORD after the process ended. Message
// boxes are answered with globalThis.__naviAnswer (default: their cancel button).
const { appendFileSync } = require('node:fs');
const { BrowserWindow, dialog, Notification, shell, Tray } = require('electron');

const file = process.env.NAVI_TEST_RECORD;
globalThis.__naviRecord = [];
globalThis.__naviNotifications = [];
function record(kind, value) {
  const entry = { kind, ...value };
  globalThis.__naviRecord.push(entry);
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

dialog.showErrorBox = (title, content) => record('errorBox', { title, content });
dialog.showMessageBox = async (...args) => {
  const options = args[args.length - 1];
  record('messageBox', { message: options.message, detail: options.detail });
  return { response: globalThis.__naviAnswer ?? options.cancelId ?? 0, checkboxChecked: false };
};
Notification.prototype.show = function show() {
  globalThis.__naviNotifications.push(this);
  record('notification', { title: this.title, body: this.body });
};
const setContextMenu = Tray.prototype.setContextMenu;
Tray.prototype.setContextMenu = function recordMenu(menu) {
  globalThis.__naviTrayMenu = menu;
  return setContextMenu.call(this, menu);
};
shell.openExternal = async (url) => record('openExternal', { url });
const focus = BrowserWindow.prototype.focus;
BrowserWindow.prototype.focus = function recordFocus() {
  record('focus', { id: this.id });
  return focus.call(this);
};
