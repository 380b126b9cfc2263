#!/bin/bash
# Install (or update, or remove) the memorial exhibit kiosk on a Linux PC (Debian, Ubuntu and
# other systemd distributions). Run it as root from the unpacked archive:
#
#   sudo ./install/install.sh                       install or update, start at boot, start now
#   sudo ./install/install.sh --rotate 90           ... on a screen mounted in portrait
#   sudo ./install/install.sh --uninstall           remove the program and the service
#   sudo ./install/install.sh --uninstall --purge   ... and the kiosk user, its data and content
#
# Options:
#   --program DIR   the program folder to install (default: ../kiosk beside this script)
#   --user NAME     the account the kiosk runs as (default: kiosk)
#   --content DIR   the content folder the kiosk shows and watches (default: /srv/memorial-kiosk)
#   --rotate DEG    turn the screen: normal, 90, 180 or 270 (writes session.env)
#   --no-start      install and enable, but do not (re)start the kiosk now
#   --no-packages   never call apt-get (cage must already be installed)
#   --root DIR      install into DIR as if it were / (for testing; no users, services or apt)
#
# What it does is listed in INSTALL.md, "What install.sh changes". Run it again to update: the
# program is replaced (the one before is kept as /opt/memorial-kiosk.previous), settings, content,
# statistics and logs are kept.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
program_src="$here/../kiosk"
user=kiosk
content=/srv/memorial-kiosk
rotate=""
start=yes
packages=yes
root=""
action=install
purge=no

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --program) program_src=$2; shift 2 ;;
        --user) user=$2; shift 2 ;;
        --content) content=$2; shift 2 ;;
        --rotate) rotate=$2; shift 2 ;;
        --no-start) start=no; shift ;;
        --no-packages) packages=no; shift ;;
        --root) root=$(cd "$2" && pwd); shift 2 ;;
        --uninstall) action=uninstall; shift ;;
        --purge) purge=yes; shift ;;
        -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

case "$rotate" in
    "" | normal | 90 | 180 | 270) ;;
    *) die "--rotate takes normal, 90, 180 or 270, not '$rotate'" ;;
esac
[[ "$user" =~ ^[a-z_][a-z0-9_-]*$ ]] || die "not a valid user name: '$user'"
[ -n "$root" ] || [ "$(id -u)" -eq 0 ] || die "run me as root: sudo $0 $*"

# Where things go (all under --root when testing).
opt="$root/opt/memorial-kiosk"
libexec="$root/usr/local/lib/memorial-kiosk"
etc="$root/etc/memorial-kiosk"
unit="$root/etc/systemd/system/memorial-kiosk.service"
pam="$root/etc/pam.d/memorial-kiosk"
logind="$root/etc/systemd/logind.conf.d/memorial-kiosk.conf"
grub="$root/etc/default/grub.d/memorial-kiosk.cfg"
content_dir="$root$content"
sleep_targets="sleep.target suspend.target hibernate.target hybrid-sleep.target"

live() { [ -z "$root" ]; }  # false when testing into --root

home_of() {
    if live; then getent passwd "$1" | cut -d: -f6; else echo "$root/home/$1"; fi
}

uninstall() {
    if live; then
        systemctl disable --now memorial-kiosk.service 2>/dev/null || true
        # shellcheck disable=SC2086
        systemctl unmask $sleep_targets 2>/dev/null || true
    fi
    rm -f "$unit" "$pam" "$logind"
    rm -rf "$libexec" "$opt" "$opt.previous" "$opt.new"
    if [ -f "$grub" ]; then
        rm -f "$grub"
        if live && command -v update-grub >/dev/null; then update-grub; fi
    fi
    if [ "$purge" = yes ]; then
        rm -rf "$etc" "$content_dir"
        if live && id "$user" >/dev/null 2>&1; then userdel --remove "$user" || true; fi
        say "removed the program, the service, the user '$user' with its data, and $content"
    else
        say "removed the program and the service; kept the user '$user' (settings, logs," \
            "statistics in $(home_of "$user")), $content and $etc (--purge removes them)"
    fi
    live && systemctl daemon-reload
    return 0
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

# --- the program to install ---------------------------------------------------------------------
program_src=$(cd "$program_src" 2>/dev/null && pwd) || die "no program folder at $program_src"
[ -x "$program_src/kiosk" ] && [ -d "$program_src/_internal" ] ||
    die "$program_src does not look like the kiosk program (no kiosk executable or _internal)"
default_bundle="$program_src/_internal/kiosk/_data/db/exhibit.sqlite"

# --- packages: cage (and wlr-randr to turn a portrait screen) -----------------------------------
need=()
if live; then
    command -v cage >/dev/null || need+=(cage)
    if [ -n "$rotate" ] && [ "$rotate" != normal ]; then
        command -v wlr-randr >/dev/null || need+=(wlr-randr)
    fi
fi
if [ ${#need[@]} -gt 0 ]; then
    if [ "$packages" = yes ] && command -v apt-get >/dev/null; then
        say "installing ${need[*]} with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
    else
        die "please install ${need[*]} first (Debian/Ubuntu: apt install ${need[*]})"
    fi
fi

# --- the kiosk user ----------------------------------------------------------------------------
if live; then
    if ! id "$user" >/dev/null 2>&1; then
        # A normal account without a password: nobody logs in as it; systemd starts its session.
        useradd --create-home --user-group --shell /usr/sbin/nologin \
            --comment "Memorial exhibit kiosk" "$user"
        say "created the user '$user'"
    fi
    for group in video render input; do
        getent group "$group" >/dev/null && usermod -a -G "$group" "$user"
    done
fi
home=$(home_of "$user")
[ -n "$home" ] || die "the user '$user' has no home folder"

own() {  # own PATH...: give to the kiosk user (not when testing)
    if live; then chown -R "$user:$user" "$@"; fi
}

# --- the program: copy beside, then swap, keeping the one before ---------------------------------
mkdir -p "$(dirname "$opt")"
rm -rf "$opt.new"
cp -a "$program_src" "$opt.new"
[ -f "$here/../INSTALL.md" ] && cp "$here/../INSTALL.md" "$opt.new/INSTALL.md"
chmod -R u+rwX,go+rX,go-w "$opt.new"
if [ -d "$opt" ]; then
    rm -rf "$opt.previous"
    mv "$opt" "$opt.previous"
fi
mv "$opt.new" "$opt"
say "program installed in ${opt#"$root"}$([ -d "$opt.previous" ] && echo " (the one before: ${opt#"$root"}.previous)")"

# --- the service and its session -----------------------------------------------------------------
install -D -m 0755 "$here/memorial-kiosk-session" "$libexec/memorial-kiosk-session"
install -D -m 0644 "$here/memorial-kiosk.pam" "$pam"
install -D -m 0644 "$here/memorial-kiosk.service" "$unit"
if [ "$user" != kiosk ]; then
    sed -i "s/^User=kiosk$/User=$user/" "$unit"
fi
mkdir -p "$etc"
if [ ! -f "$etc/session.env" ]; then
    install -m 0644 "$here/session.env" "$etc/session.env"
fi
if [ -n "$rotate" ]; then
    sed -i "s/^KIOSK_ROTATION=.*/KIOSK_ROTATION=$rotate/" "$etc/session.env"
    say "screen rotation set to $rotate (see INSTALL.md to make touch follow it)"
fi

# --- the content folder and the kiosk's settings -------------------------------------------------
mkdir -p "$content_dir"
if [ ! -f "$content_dir/exhibit.sqlite" ] && [ -f "$default_bundle" ]; then
    cp "$default_bundle" "$content_dir/exhibit.sqlite"
    say "content folder $content seeded with the default exhibit"
fi
own "$content_dir"
config="$home/.config/memorial-kiosk/kiosk.toml"
if [ ! -f "$config" ]; then
    mkdir -p "$(dirname "$config")"
    cat >"$config" <<EOF
# The kiosk's settings (see INSTALL.md). Written by install.sh; yours to edit.
# The bundle the kiosk shows; publish a new one here with kiosk-content publish.
bundle = "$content/exhibit.sqlite"
EOF
    own "$home/.config"
    say "settings written to ${config#"$root"}"
fi

# --- never sleep, never blank --------------------------------------------------------------------
mkdir -p "$(dirname "$logind")"
cat >"$logind" <<'EOF'
# Written by the memorial kiosk's install.sh: an exhibit PC never suspends on its own.
[Login]
IdleAction=ignore
HandleLidSwitch=ignore
HandleLidSwitchExternalPower=ignore
HandleSuspendKey=ignore
HandleHibernateKey=ignore
EOF
if [ -d "$root/etc/default/grub.d" ] || [ -f "$root/etc/default/grub" ]; then
    mkdir -p "$(dirname "$grub")"
    cat >"$grub" <<'EOF'
# Written by the memorial kiosk's install.sh: the text console never blanks either.
GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT consoleblank=0"
EOF
    if live && command -v update-grub >/dev/null; then update-grub 2>/dev/null || true; fi
fi

if ! live; then
    say "installed into $root (test mode: no user, service or package changes)"
    exit 0
fi

# shellcheck disable=SC2086
systemctl mask $sleep_targets >/dev/null
systemctl daemon-reload
systemctl enable memorial-kiosk.service >/dev/null
if [ "$(systemctl get-default)" != graphical.target ]; then
    systemctl set-default graphical.target >/dev/null
fi
if [ -e /etc/systemd/system/display-manager.service ]; then
    dm=$(basename "$(readlink -f /etc/systemd/system/display-manager.service)")
    say "WARNING: the desktop login $dm starts at boot too and may take the screen;" \
        "turn it off with: systemctl disable $dm"
fi

# --- check the installed program before handing it the screen ------------------------------------
say "running the kiosk's self-test as '$user' ..."
if runuser -u "$user" -- env HOME="$home" QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software \
    "$opt/kiosk" --self-test >/tmp/memorial-kiosk-selftest.json 2>/dev/null; then
    say "self-test passed"
else
    say "WARNING: the self-test found a problem; see /tmp/memorial-kiosk-selftest.json"
fi

if [ "$start" = yes ]; then
    systemctl restart memorial-kiosk.service
    say "the kiosk is starting on tty7 (systemctl status memorial-kiosk)"
else
    say "the kiosk will start at the next boot (or: systemctl start memorial-kiosk)"
fi
