// Calque's review page, enhanced. Every form works without this script; this makes it fast.
import { focusRow, rows } from './dom.js';
import { installFindings } from './findings.js';
import { installForms } from './forms.js';
import { installKeyboard } from './keyboard.js';

document.documentElement.classList.add('js');
installFindings();
installForms();
installKeyboard();

function start(): void {
  const target = window.location.hash ? document.querySelector(window.location.hash) : null;
  focusRow(target instanceof HTMLTableRowElement && target.matches('tr.segment') ? target : rows()[0]);
}

// Module scripts run after the document is parsed, so the rows are there already.
start();
