#!/usr/bin/python3
# test-intake.py: drives the real yichuang binary through AT-SPI the way a clerk would, in Chinese (zh_CN, the
# clerks' language): search an item, start the intake, fill the applicant (a wrong ID first), set each material
# with its key, accept, then checks the case in the SQLite file.
#
# Widgets are found by the names a Chinese-speaking clerk sees. They are not written here: each English msgid is
# translated at run time from the application's own catalogue (YC_LOCALEDIR, the build tree's po/), and a missing
# catalogue or an untranslated string fails the test, which would otherwise pass in English and prove nothing.
# Needs a display, a session bus (build-aux/dev.sh env provides both), pyatspi and the zh_CN.UTF-8 locale;
# exits 77 (skip) without them.
#
# usage: test-intake.py /path/to/yichuang [screenshot-dir]

import gettext
import locale
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import types

TIMEOUT = 60          # seconds for any one condition
POLL = 0.05           # how often a condition is looked at again

ITEM_NAME = '出生登记'
ITEM_CODE = '11139900004512011WQR00101001'
WRONG_ID = '110105194912310021'     # check digit wrong (TEST-VECTORS.md)
GOOD_ID = '11010519491231002X'


def skip(reason):
    print(f'1..0 # SKIP {reason}')
    sys.exit(77)


if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    skip('needs a display and a session bus (run under build-aux/dev.sh test)')
if os.environ.get('GTK_A11Y') == 'none':
    skip('accessibility is switched off (GTK_A11Y=none)')

try:
    import pyatspi
except ImportError:
    skip('pyatspi is not installed (python3-pyatspi)')

LOCALE = 'zh_CN.UTF-8'
try:
    # Only to know that the C library has the locale (localedef, as dev.sh does); this process stays in its own.
    _previous = locale.setlocale(locale.LC_ALL)
    locale.setlocale(locale.LC_ALL, LOCALE)
    locale.setlocale(locale.LC_ALL, _previous)
except locale.Error:
    skip(f'the {LOCALE} locale is not generated (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8)')


class Failure(Exception):
    pass


def load_catalogue():
    """The application's zh_CN catalogue, as it binds it: domain yichuang (meson's project name) in YC_LOCALEDIR."""
    localedir = os.environ.get('YC_LOCALEDIR')
    if not localedir:
        raise Failure('YC_LOCALEDIR is not set: it names the build tree\'s po/ directory (tests/meson.build)')
    try:
        return gettext.translation('yichuang', localedir=localedir, languages=['zh_CN'])
    except OSError as e:
        raise Failure(f'no zh_CN catalogue for yichuang under {localedir} ({e}): build the po/ targets first')


CATALOGUE = None


def tr(msgid, context=None):
    """@msgid as the application shows it in zh_CN; fails when it is untranslated (an English name proves nothing)."""
    translated = CATALOGUE.pgettext(context, msgid) if context else CATALOGUE.gettext(msgid)
    if translated == msgid:
        where = f' (context {context!r})' if context else ''
        raise Failure(f'{msgid!r}{where} is not translated in the zh_CN catalogue')
    return translated


def mnemonic_text(label):
    """The text a label with use-underline shows: "_x" shows "x", "__" shows "_", so "开始受理(_S)" shows
    "开始受理(S)"."""
    return re.sub(r'_(.)', r'\1', label)


def wait_for(what, condition, timeout=TIMEOUT):
    """Polls @condition until it returns something true, and returns that; fails after @timeout."""
    end = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < end:
        try:
            value = condition()
            if value:
                return value
        except Exception as e:      # the tree changes under our feet: look again
            last_error = e
        time.sleep(POLL)
    raise Failure(f'timed out after {timeout} s waiting for {what}' +
                  (f' (last error: {last_error})' if last_error else ''))


def showing(acc):
    # GTK 4.8 reports "visible" (the widget's own flag) but not "showing": names used here are unique, so
    # a widget in a stack page out of view is not mistaken for another.
    return acc.getState().contains(pyatspi.STATE_VISIBLE)


def clean_name(acc):
    # GTK 4.8 names a button with a mnemonic by its label with the underline and then its visible text:
    # "_Start Intake Start Intake", "开始受理(_S) 开始受理(S)". Keep the visible part, "Start Intake" or
    # "开始受理(S)"; a name that is only a label with its underline gives that label's visible text.
    name = acc.name or ''
    if '_' in name:
        for i, c in enumerate(name):
            if c == ' ' and mnemonic_text(name[:i]) == name[i + 1:]:
                return name[i + 1:]
        return mnemonic_text(name)
    return name


def find_all(root, role=None, name=None, predicate=None, only_showing=True):
    found = []

    def walk(acc):
        if acc is None:
            return
        try:
            if only_showing and not showing(acc) and acc.getRole() != pyatspi.ROLE_APPLICATION:
                return
            roles = role if isinstance(role, tuple) else (role,)
            ok = ((role is None or acc.getRole() in roles) and
                  (name is None or clean_name(acc) == name) and
                  (predicate is None or predicate(acc)))
            if ok:
                found.append(acc)
            for child in acc:
                walk(child)
        except Exception:
            pass

    walk(root)
    return found


def find(root, role=None, name=None, predicate=None):
    items = find_all(root, role, name, predicate)
    return items[0] if items else None


def text_of(acc):
    t = acc.queryText()
    # GTK 4.8: getText (0, -1) gives '', the character count is needed.
    return t.getText(0, t.characterCount)


def type_text(acc, text):
    acc.queryEditableText().setTextContents(text)


def press(keysym_name):
    keysyms = {'Return': 0xff0d, 'BackSpace': 0xff08, 'Tab': 0xff09}
    keysym = keysyms[keysym_name] if keysym_name in keysyms else ord(keysym_name)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


# GTK 4.8 gives a GtkEntry or GtkSearchEntry the role entry, a bare GtkText the role text.
TEXT = (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)


def click(acc):
    # Component.GrabFocus is not implemented by GTK 4.8: click, as a person would. Without a window
    # manager the window sits at the origin, so window coordinates are screen coordinates.
    ext = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + min(ext.width // 2, 40), ext.y + ext.height // 2, 'b1c')


# The outcomes are grouped GtkCheckButtons: radio buttons, or check boxes in some GTK versions.
CHOICE = (pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_CHECK_BOX)


def focused(acc):
    return acc.getState().contains(pyatspi.STATE_FOCUSED)


def main():
    global CATALOGUE
    binary = sys.argv[1]
    CATALOGUE = load_catalogue()
    names = clerk_names()
    shots = sys.argv[2] if len(sys.argv) > 2 else os.environ.get('YC_E2E_SCREENSHOTS')
    work = tempfile.mkdtemp(prefix='yc-e2e-intake-')
    env = dict(os.environ)
    for var in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(work, var.lower())
        os.makedirs(env[var], mode=0o700)
    # The window's code and the clerk, as Preferences would have stored them.
    settings_dir = os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(settings_dir)
    with open(os.path.join(settings_dir, 'keyfile'), 'w', encoding='utf-8') as f:
        f.write("[org/yichuang/Yichuang]\nwindow-code='ZH01'\nclerk-name='王芳'\n"
                "window-width=1240\nwindow-height=960\n")
    env['GSETTINGS_BACKEND'] = 'keyfile'
    db = os.path.join(work, 'yichuang.db')
    env['YC_DATABASE'] = db
    env.pop('GTK_A11Y', None)
    # The clerks' language, whatever meson's test environment says (C.UTF-8); LANGUAGE would take precedence
    # over it in gettext. YC_LOCALEDIR stays: the binary reads the same build tree's catalogue as tr().
    env['LC_ALL'] = LOCALE
    env.pop('LANGUAGE', None)

    proc = subprocess.Popen([binary], env=env)
    try:
        run(proc, db, shots, names)
    except Failure:
        screenshot(shots, 'failure')
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def screenshot(shots, name):
    if shots:
        os.makedirs(shots, exist_ok=True)
        subprocess.run(['import', '-window', 'root', os.path.join(shots, name + '.png')], check=False)


def clerk_names():
    """What the clerk reads, in zh_CN: the English msgids of the .ui files and sources, translated before the
    application starts, so that an untranslated one fails at once."""
    # The validator's message for WRONG_ID: X is its check digit, 1 was typed (TEST-VECTORS.md).
    check_digit = tr('The check digit should be %c, not %c: if the last character is right, '
                     'another digit was mistyped')
    try:
        wrong_id_message = check_digit % ('X', '1')
    except (TypeError, ValueError) as e:
        raise Failure(f'the zh_CN check digit message {check_digit!r} does not take two characters in order: {e}')
    return types.SimpleNamespace(
        search=tr('Search service items'),                      # the search entry's accessible label
        start=mnemonic_text(tr('_Start Intake')),               # "开始受理(S)"
        name=mnemonic_text(tr('_Name')),                        # YcField titles, read without the underline
        id_number=mnemonic_text(tr('Resident _ID number')),
        phone=mnemonic_text(tr('P_hone')),
        address=mnemonic_text(tr('_Address')),
        checklist=tr('Materials checklist'),
        original=tr('Original checked'),                        # material states (app/domain/yc-types.c)
        copy=tr('Copy received'),
        licence=tr('From e-licence'),
        not_applicable=tr('Not applicable'),
        reason=tr('Reason'),
        accept=tr('Accept'),                                    # outcomes: their case events' labels
        notice=tr('Issue one-time notice'),
        decide=mnemonic_text(tr('_Decide')),
        wrong_id_message=wrong_id_message,
    )


def run(proc, db, shots, names):
    def app_node():
        if proc.poll() is not None:
            raise SystemExit(f'yichuang exited early with status {proc.returncode}')
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.name == 'yichuang':
                return a
        return None

    app = wait_for('the application on the accessibility bus', app_node)
    print('ok - yichuang is on the accessibility bus')

    # 1. The item: type into the search, Enter opens the first result.
    search = wait_for(f'the catalogue search {names.search!r}', lambda: find(app, TEXT, names.search))
    click(search)
    wait_for('focus in the search', lambda: focused(search))
    type_text(search, ITEM_NAME)
    wait_for('a result row for the item',
             lambda: find(app, None, None, lambda a: ITEM_NAME in (a.name or '') and
                          a.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LABEL)))
    press('Return')
    start = wait_for(f'the {names.start!r} (Start Intake) button',
                     lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, names.start))
    screenshot(shots, '1-item')
    start.queryAction().doAction(0)
    print('ok - searched the item and started the intake')

    # 2. The applicant: the name field has the focus.
    name = wait_for(f'the {names.name!r} (Name) field', lambda: find(app, TEXT, names.name))
    wait_for('focus in the Name field', lambda: focused(name))
    type_text(name, '张三')
    id_entry = find(app, TEXT, names.id_number)
    if id_entry is None:
        raise Failure(f'no {names.id_number!r} (Resident ID number) field')
    click(id_entry)
    wait_for('focus in the ID field', lambda: focused(id_entry))
    type_text(id_entry, WRONG_ID)
    # The validator's message is under the field, and is the entry's description.
    message = wait_for('an error under the ID field', lambda: id_entry.description)
    if message != names.wrong_id_message:
        raise Failure(f'unexpected message for a wrong check digit: {message!r}, '
                      f'expected {names.wrong_id_message!r}')
    screenshot(shots, '2-wrong-id')
    print(f'ok - a wrong ID is refused as typed: {message}')
    type_text(id_entry, GOOD_ID)
    wait_for('the error to go', lambda: id_entry.description == '')
    phone = find(app, TEXT, names.phone)
    if phone is None:
        raise Failure(f'no {names.phone!r} (Phone) field')
    click(phone)
    wait_for('focus in the phone field', lambda: focused(phone))
    # Left, the ID is shown masked.
    wait_for('the masked ID', lambda: text_of(id_entry) == '110105********002X')
    type_text(phone, '13812341234')
    address = find(app, TEXT, names.address)
    if address is None:
        raise Failure(f'no {names.address!r} (Address) field')
    click(address)
    wait_for('focus in the address field', lambda: focused(address))
    type_text(address, '北方市东城区和平里街道1号')
    # Enter after the last applicant field: on to the first material.
    press('Return')
    checklist = wait_for(f'the materials checklist {names.checklist!r}',
                         lambda: find(app, pyatspi.ROLE_LIST, names.checklist))
    rows = [r for r in checklist if r is not None]
    if len(rows) != 5:
        raise Failure(f'{ITEM_NAME} has 5 materials, the checklist shows {len(rows)}')
    wait_for('focus on the first material', lambda: focused(rows[0]))
    print('ok - applicant entered; Enter moved on to the first material')

    # 3. Each material with its key, as the clerk goes through the pile.
    def set_state(index, key, expected):
        row = rows[index]
        if not focused(row):
            click(row)
            wait_for(f'focus on material {index + 1}', lambda: focused(row))
        press(key)
        wait_for(f'material {index + 1} to be "{expected}" (is "{row.name}")', lambda: expected in row.name)

    set_state(0, 'o', names.original)
    set_state(1, 'c', names.copy)
    set_state(2, 'l', names.licence)
    # N asks for the reason in a dialog.
    set_state_no_wait = rows[3]
    click(set_state_no_wait)
    wait_for('focus on material 4', lambda: focused(set_state_no_wait))
    press('n')
    reason = wait_for(f'the {names.reason!r} (Reason) field', lambda: find(app, TEXT, names.reason) or
                      find(pyatspi.Registry.getDesktop(0), TEXT, names.reason))
    type_text(reason, '父母未婚，已签情况说明')
    wait_for('focus in the reason field', lambda: focused(reason))
    press('Return')
    wait_for(f'material 4 to be "{names.not_applicable}" with its reason (is "{rows[3].name}")',
             lambda: names.not_applicable in rows[3].name and '父母未婚' in rows[3].name)
    set_state(4, 'o', names.original)
    print('ok - five materials set with O, C, L, N (with its reason), O')

    # 4. Only lawful outcomes: accept is offered now.
    accept = wait_for(f'the {names.accept!r} (Accept) outcome', lambda: find(app, CHOICE, names.accept))
    if not accept.getState().contains(pyatspi.STATE_SENSITIVE):
        raise Failure('Accept is not offered with every required material in')
    notice = find_all(app, CHOICE, names.notice)
    if not notice:
        raise Failure(f'no {names.notice!r} (Issue one-time notice) outcome')
    if notice[0].getState().contains(pyatspi.STATE_SENSITIVE):
        raise Failure('the one-time notice is offered although nothing is missing')
    wait_for('Accept chosen', lambda: accept.getState().contains(pyatspi.STATE_CHECKED))
    screenshot(shots, '3-materials')
    decide = find(app, pyatspi.ROLE_PUSH_BUTTON, names.decide)
    if decide is None:
        raise Failure(f'no {names.decide!r} (Decide) button')
    decide.queryAction().doAction(0)
    # A label's accessible name is its text.
    case_no_label = wait_for('the case number', lambda: find(app, pyatspi.ROLE_LABEL, None,
                                                            lambda a: re.fullmatch(r'ZH01-\d{8}-\d{4}', a.name)))
    case_no = text_of(case_no_label)
    screenshot(shots, '4-decided')
    if not re.fullmatch(r'ZH01-\d{8}-\d{4}', case_no):
        raise Failure(f'unexpected case number {case_no!r}')
    print(f'ok - accepted as {case_no}')

    # 5. In the database, as another program sees it.
    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    try:
        row = con.execute('SELECT uuid, case_no, state, item_code, clerk, window_code FROM cases '
                          'WHERE case_no = ?', (case_no,)).fetchone()
        if row is None:
            raise Failure(f'{case_no} is not in the database')
        uuid, _, state, item_code, clerk, window_code = row
        if (state, item_code, clerk, window_code) != ('accepted', ITEM_CODE, '王芳', 'ZH01'):
            raise Failure(f'stored case: {row}')
        if not case_no.endswith('-0001'):
            raise Failure(f'the first case of the day should be 0001: {case_no}')
        applicant = con.execute("SELECT name, id_number, phone FROM case_parties "
                                "WHERE case_uuid = ? AND role = 'applicant'", (uuid,)).fetchone()
        if applicant != ('张三', GOOD_ID, '13812341234'):
            raise Failure(f'stored applicant: {applicant}')
        states = [r[0] for r in con.execute('SELECT state FROM case_materials WHERE case_uuid = ? '
                                            'ORDER BY position', (uuid,))]
        expected = ['original_checked', 'copy_received', 'licence', 'not_applicable', 'original_checked']
        if states != expected:
            raise Failure(f'stored material states {states}, expected {expected}')
        note = con.execute('SELECT note FROM case_materials WHERE case_uuid = ? ORDER BY position '
                           'LIMIT 1 OFFSET 3', (uuid,)).fetchone()[0]
        if note != '父母未婚，已签情况说明':
            raise Failure(f'stored reason {note!r}')
        audit = [r[0] for r in con.execute('SELECT action FROM audit_log WHERE case_uuid = ?', (uuid,))]
        if 'case.create' not in audit:
            raise Failure(f'audit entries {audit}')
        outbox = con.execute("SELECT count(*) FROM outbox WHERE key = ? AND kind = 'case.put'",
                             (uuid,)).fetchone()[0]
        if outbox != 1:
            raise Failure(f'{outbox} outbox entries')
        drafts = con.execute('SELECT count(*) FROM drafts').fetchone()[0]
        if drafts != 0:
            raise Failure(f'{drafts} drafts left after deciding')
    finally:
        con.close()
    print('ok - the case, its applicant, checklist, audit and outbox entries are in the database')


if __name__ == '__main__':
    try:
        main()
    except Failure as e:
        print(f'not ok - {e}')
        sys.exit(1)
