// Calque's review page, enhanced. Every form works without this script; this makes it fast.
import { focusRow, rows } from './dom.js';
import { installDismiss } from './dismiss.js';
import { installEditor, openEditor } from './editor.js';
import { installFindings } from './findings.js';
import { installForms } from './forms.js';
import { installHeader } from './header.js';
import { installImportForm } from './import-form.js';
import { installKeyboard } from './keyboard.js';
import { installQaWarning } from './qa-warning.js';
import { installNavigation, takePendingFocus } from './navigation.js';
import { installSecondReader } from './second-reader.js';
import { installSelectionTools } from './selection-tools.js';
import { installGlossaryMarks } from './glossary-marks.js';
import { installDocumentMarks } from './document-marks.js';

document.documentElement.classList.add('js');
installEditor();
installFindings();
installForms();
installHeader();
installKeyboard();
installNavigation();
installSecondReader();
installQaWarning();
installDismiss();
installImportForm();
installSelectionTools();
void installGlossaryMarks();
void installDocumentMarks();

function start(): void {
  const pending = takePendingFocus();
  if (pending?.row) {
    focusRow(pending.row);
    if (pending.edit) openEditor(pending.row);
    return;
  }
  const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  focusRow(target instanceof HTMLTableRowElement && target.matches('tr.segment') ? target : rows()[0]);
}

// Module scripts run after the document is parsed, so the rows are there already.
start();
