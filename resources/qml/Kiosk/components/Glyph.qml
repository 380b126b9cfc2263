import QtQuick
import QtQuick.Shapes
import Kiosk

// Small line drawings for buttons (home, previous, next, down, up, close, check): drawn, so no icon font
// or image file is needed, and they take the theme's colour and stroke.
Shape {
    id: glyph

    property string name: "next"
    property color color: Theme.text
    property real size: Theme.iconSize
    readonly property real s: size
    readonly property real w: Math.max(1.5, size / 11)

    implicitWidth: size
    implicitHeight: size
    preferredRendererType: Shape.CurveRenderer

    ShapePath {
        strokeColor: glyph.color
        strokeWidth: glyph.w
        fillColor: "transparent"
        capStyle: ShapePath.RoundCap
        joinStyle: ShapePath.RoundJoin
        PathSvg {
            path: {
                const s = glyph.s;
                switch (glyph.name) {
                case "home":
                    return `M ${s * .12} ${s * .48} L ${s * .5} ${s * .14} L ${s * .88} ${s * .48} `
                         + `M ${s * .22} ${s * .4} L ${s * .22} ${s * .86} L ${s * .78} ${s * .86} L ${s * .78} ${s * .4}`;
                case "prev":
                    return `M ${s * .64} ${s * .14} L ${s * .3} ${s * .5} L ${s * .64} ${s * .86}`;
                case "close":
                    return `M ${s * .2} ${s * .2} L ${s * .8} ${s * .8} M ${s * .8} ${s * .2} L ${s * .2} ${s * .8}`;
                case "down":
                    return `M ${s * .14} ${s * .36} L ${s * .5} ${s * .7} L ${s * .86} ${s * .36}`;
                case "up":
                    return `M ${s * .14} ${s * .64} L ${s * .5} ${s * .3} L ${s * .86} ${s * .64}`;
                case "check":
                    return `M ${s * .16} ${s * .52} L ${s * .4} ${s * .76} L ${s * .84} ${s * .26}`;
                default: // next
                    return `M ${s * .36} ${s * .14} L ${s * .7} ${s * .5} L ${s * .36} ${s * .86}`;
                }
            }
        }
    }
}
