//! Pictograms: a stick figure for each catalog pose, drawn as SVG from joint
//! angles.
//!
//! Every figure comes from one skeleton (the segment lengths below) posed by
//! the angles in `src/catalog/figures.json`, so every figure has the same
//! style and a new pose needs only its angles. A one-sided pose is drawn for
//! one side and mirrored for the other. The angle conventions are documented
//! in `docs/handouts.md`; in short, for a figure seen from the side and
//! facing right, angles are degrees, counter-clockwise positive:
//!
//! - `torso`: the direction from the pelvis to the middle of the back
//!   (90 upright, 0 lying with the head to the right);
//! - `spine`: the bend at the middle of the back (+ rounds forward, − arches);
//! - `neck`: + tucks the chin, − lifts the gaze;
//! - `arm`: `[shoulder, elbow]`, shoulder flexion (+ forward and up, − back)
//!   and elbow flexion;
//! - `leg`: `[hip, knee, ankle]`, hip flexion (+ forward, − back), knee
//!   flexion and ankle plantar flexion (90 points the toes).
//!
//! In a front view, and in a top view (lying face up, seen from above), the
//! shoulder and hip angles are abduction (out to the side) and the far limbs
//! are the figure's right side, mirrored across the spine; `torso_reach`
//! shortens the back and neck of a torso leaning toward or away from the viewer.
//!
//! The SVG this module writes holds geometry only, never text, so it can go
//! into a page unescaped; titles are added by the templates, which escape.

use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

/// The width of one frame of a pictogram's view box, in skeleton units; a
/// movement drawn in several frames (cat, then cow) is that many times wider,
/// so every figure is drawn at the same scale.
pub const WIDTH: f64 = 140.0;
/// The height of a pictogram's view box, in skeleton units.
pub const HEIGHT: f64 = 90.0;

/// Segment lengths of the one skeleton, in units (a standing figure is about 95 tall).
mod bones {
    pub const LOWER_BACK: f64 = 15.0;
    pub const UPPER_BACK: f64 = 15.0;
    pub const NECK: f64 = 10.0;
    pub const HEAD: f64 = 7.0;
    pub const UPPER_ARM: f64 = 16.0;
    pub const FOREARM: f64 = 15.0;
    pub const THIGH: f64 = 23.0;
    pub const SHIN: f64 = 22.0;
    pub const FOOT: f64 = 6.5;
    /// Half the shoulder width, seen from the front.
    pub const SHOULDER_HALF: f64 = 9.0;
    /// Half the hip width, seen from the front.
    pub const HIP_HALF: f64 = 5.0;
    /// Stroke width of the body.
    pub const STROKE: f64 = 6.0;
}

/// How a figure is seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum View {
    /// From the side, standing on a floor line.
    Side,
    /// From the front (or the back), standing or sitting on a floor line.
    Front,
    /// From above, lying face up on a mat: built like a front view.
    Top,
}

/// A named point of the posed skeleton, for placing props and marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Joint {
    Pelvis,
    Mid,
    Shoulder,
    Head,
    Elbow,
    Hand,
    Hip,
    Knee,
    Ankle,
    Toe,
    FarShoulder,
    FarElbow,
    FarHand,
    FarHip,
    FarKnee,
    FarAnkle,
    FarToe,
}

/// A prop drawn with the figure. Sizes that depend on the pose (how tall a
/// block is, how big a roller) follow from the gap between the joint and the floor.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum PropShape {
    /// A block between the floor and a joint.
    Block { under: Joint },
    /// A bolster (a long rounded cushion) between the floor and a joint.
    Bolster { under: Joint },
    /// A foam roller between the floor and a joint.
    Roller { under: Joint },
    /// A stool or chair seat between the floor and a joint.
    Chair { under: Joint },
    /// A wall: a vertical line just in front of or behind a joint.
    Wall {
        at: Joint,
        #[serde(default)]
        behind: bool,
        #[serde(default)]
        gap: f64,
    },
    /// A door frame: a post beside a joint and a lintel above.
    Door { at: Joint },
    /// A wall seen face on behind a front-view figure.
    Panel,
    /// A resistance band between two joints.
    Band { from: Joint, to: Joint },
    /// A strap between two joints.
    Strap { from: Joint, to: Joint },
    /// A cable from a joint to an anchor point `[dx, dy]` away (a TRX strap).
    Cable { from: Joint, to: [f64; 2] },
}

/// A movement mark.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum Mark {
    /// A straight arrow starting near a joint, pointing at `dir` degrees.
    Arrow {
        at: Joint,
        dir: f64,
        #[serde(default = "default_arrow")]
        len: f64,
        #[serde(default)]
        offset: [f64; 2],
    },
    /// An arc arrow around a joint from `from` to `to` degrees; with `ry`, an
    /// ellipse seen edge on (a turn around the spine).
    Arc {
        at: Joint,
        r: f64,
        #[serde(default)]
        ry: Option<f64>,
        from: f64,
        to: f64,
        #[serde(default)]
        offset: [f64; 2],
    },
}

fn default_arrow() -> f64 {
    12.0
}

/// One posed skeleton.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Frame {
    torso: f64,
    #[serde(default)]
    spine: f64,
    #[serde(default)]
    neck: f64,
    arm: [f64; 2],
    #[serde(default)]
    far_arm: Option<[f64; 2]>,
    leg: [f64; 3],
    #[serde(default)]
    far_leg: Option<[f64; 3]>,
    /// How much of the upper arm and forearm shows, for arms pointing at the viewer.
    #[serde(default)]
    arm_reach: Option<[f64; 2]>,
    #[serde(default)]
    far_arm_reach: Option<[f64; 2]>,
    /// How much of the back and neck shows, for a torso leaning toward or away
    /// from the viewer in a front view (a wide-legged forward fold).
    #[serde(default)]
    torso_reach: Option<f64>,
    /// Draw the head behind the arms (hands in front of the face, as in eagle arms);
    /// by default the head is drawn last, since in a side view it sits between the arms.
    #[serde(default)]
    head_behind: bool,
    #[serde(default)]
    props: Vec<PropShape>,
    #[serde(default)]
    marks: Vec<Mark>,
}

/// The drawing of one pose: one frame, or a few for a movement (cat, then cow).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureSpec {
    pose: String,
    view: View,
    frames: Vec<Frame>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureFile {
    #[allow(dead_code)]
    about: String,
    figures: Vec<FigureSpec>,
}

fn specs() -> &'static BTreeMap<String, FigureSpec> {
    static SPECS: OnceLock<BTreeMap<String, FigureSpec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        // Compiled in and checked by the tests, like the catalog itself.
        #[allow(clippy::panic)] // The tests load this same file, so it cannot fail at run time.
        let file: FigureFile = serde_json::from_str(include_str!("../catalog/figures.json"))
            .unwrap_or_else(|e| panic!("the built-in figures.json is invalid: {e}"));
        file.figures.into_iter().map(|f| (f.pose.clone(), f)).collect()
    })
}

/// The pose ids that have a figure, sorted.
pub fn pose_ids() -> Vec<&'static str> {
    specs().keys().map(String::as_str).collect()
}

/// A pictogram: SVG geometry for an `<svg viewBox="0 0 {width} 90">`.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// The view box's width: [`WIDTH`] per frame.
    pub width: f64,
    /// The SVG elements (geometry only, no text).
    pub svg: String,
}

/// A pose's figure, mirrored for the other side when `mirrored`; `None` when
/// the pose has no figure (custom and studio poses).
pub fn draw(pose_id: &str, mirrored: bool) -> Option<Drawing> {
    specs().get(pose_id).map(|spec| Drawing { width: box_width(spec), svg: render(spec, mirrored) })
}

fn box_width(spec: &FigureSpec) -> f64 {
    WIDTH * spec.frames.len().max(1) as f64
}

/// The placeholder for a pose with no figure: a dashed frame and a plain
/// standing outline, so it reads as "no picture" rather than as a broken image.
pub fn placeholder() -> String {
    concat!(
        r#"<rect x="44" y="4" width="52" height="82" rx="8" fill="none" stroke="currentColor" stroke-opacity=".6" stroke-width="2" stroke-dasharray="6 5"/>"#,
        r#"<g fill="none" stroke="currentColor" stroke-opacity=".45" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">"#,
        r#"<circle cx="70" cy="21" r="7" fill="currentColor" fill-opacity=".45" stroke="none"/>"#,
        r#"<path d="M70 32v22M70 35l-11 14M70 35l11 14M70 54l-7 22M70 54l7 22"/></g>"#
    )
    .to_owned()
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

impl Point {
    fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// The point `length` away in direction `degrees` (counter-clockwise from +x, y up).
    fn toward(self, degrees: f64, length: f64) -> Self {
        let r = degrees * PI / 180.0;
        Self { x: self.x + length * r.cos(), y: self.y + length * r.sin() }
    }

    /// The mirror image across the line through `origin` in direction `degrees`.
    fn reflect(self, origin: Self, degrees: f64) -> Self {
        let r = 2.0 * degrees * PI / 180.0;
        let (dx, dy) = (self.x - origin.x, self.y - origin.y);
        Self { x: origin.x + dx * r.cos() + dy * r.sin(), y: origin.y + dx * r.sin() - dy * r.cos() }
    }
}

/// An arm or a leg, from the body outwards.
#[derive(Debug, Clone, Copy, Default)]
struct Limb {
    root: Point,
    middle: Point,
    end: Point,
    /// The foot, for legs.
    tip: Option<Point>,
}

/// A posed skeleton, y up, pelvis at the origin.
#[derive(Debug, Clone, Default)]
struct Posed {
    pelvis: Point,
    mid: Point,
    neck_base: Point,
    head: Point,
    arm: Limb,
    far_arm: Limb,
    leg: Limb,
    far_leg: Limb,
    /// Front views: the shoulder and hip lines.
    shoulders: Option<(Point, Point)>,
    hips: Option<(Point, Point)>,
}

impl Posed {
    fn joint(&self, joint: Joint) -> Point {
        match joint {
            Joint::Pelvis => self.pelvis,
            Joint::Mid => self.mid,
            Joint::Shoulder => self.arm.root,
            Joint::Head => self.head,
            Joint::Elbow => self.arm.middle,
            Joint::Hand => self.arm.end,
            Joint::Hip => self.leg.root,
            Joint::Knee => self.leg.middle,
            Joint::Ankle => self.leg.end,
            Joint::Toe => self.leg.tip.unwrap_or(self.leg.end),
            Joint::FarShoulder => self.far_arm.root,
            Joint::FarElbow => self.far_arm.middle,
            Joint::FarHand => self.far_arm.end,
            Joint::FarHip => self.far_leg.root,
            Joint::FarKnee => self.far_leg.middle,
            Joint::FarAnkle => self.far_leg.end,
            Joint::FarToe => self.far_leg.tip.unwrap_or(self.far_leg.end),
        }
    }

    /// Every point the body's strokes reach, with how far the ink spreads around it.
    fn extent(&self) -> Vec<(Point, f64)> {
        let s = bones::STROKE / 2.0;
        let mut points = vec![(self.pelvis, s), (self.mid, s), (self.neck_base, s), (self.head, bones::HEAD)];
        for limb in [self.arm, self.far_arm, self.leg, self.far_leg] {
            points.extend([(limb.root, s), (limb.middle, s), (limb.end, s)]);
            if let Some(tip) = limb.tip {
                points.push((tip, s * 0.8));
            }
        }
        points
    }
}

fn arm(root: Point, back: f64, angles: [f64; 2], reach: [f64; 2]) -> Limb {
    let upper = back + 180.0 + angles[0];
    let middle = root.toward(upper, bones::UPPER_ARM * reach[0]);
    let end = middle.toward(upper + angles[1], bones::FOREARM * reach[1]);
    Limb { root, middle, end, tip: None }
}

fn leg(root: Point, back: f64, angles: [f64; 3], foot: f64) -> Limb {
    let thigh = back + 180.0 + angles[0];
    let middle = root.toward(thigh, bones::THIGH);
    let shin = thigh - angles[1];
    let end = middle.toward(shin, bones::SHIN);
    let tip = end.toward(shin + 90.0 - angles[2], foot);
    Limb { root, middle, end, tip: Some(tip) }
}

fn pose(frame: &Frame, view: View) -> Posed {
    let pelvis = Point::default();
    let lower = frame.torso;
    let upper = lower - frame.spine;
    let torso_reach = frame.torso_reach.unwrap_or(1.0);
    let mid = pelvis.toward(lower, bones::LOWER_BACK * torso_reach);
    let neck_base = mid.toward(upper, bones::UPPER_BACK * torso_reach);
    let head = neck_base.toward(upper - frame.neck, bones::NECK * torso_reach);
    let far_arm_angles = frame.far_arm.unwrap_or(frame.arm);
    let far_leg_angles = frame.far_leg.unwrap_or(frame.leg);
    let reach = frame.arm_reach.unwrap_or([1.0, 1.0]);
    let far_reach = frame.far_arm_reach.unwrap_or(reach);
    if view == View::Front || view == View::Top {
        // Seen from the front, or from above lying face up: the figure's left
        // side is drawn on the viewer's right; its right side
        // is the same construction mirrored across the spine: the arms across
        // the upper back's line, the legs across the lower back's, so a torso
        // tilted sideways (triangle, side plank) keeps both sides attached.
        let shoulder = neck_base.toward(upper - 90.0, bones::SHOULDER_HALF);
        let hip = pelvis.toward(lower - 90.0, bones::HIP_HALF);
        let left_arm = arm(shoulder, upper, frame.arm, reach);
        let left_leg = leg(hip, lower, frame.leg, bones::FOOT * 0.6);
        let right_arm = arm(shoulder, upper, far_arm_angles, far_reach);
        let right_leg = leg(hip, lower, far_leg_angles, bones::FOOT * 0.6);
        let mirror = |limb: Limb, origin: Point, degrees: f64| Limb {
            root: limb.root.reflect(origin, degrees),
            middle: limb.middle.reflect(origin, degrees),
            end: limb.end.reflect(origin, degrees),
            tip: limb.tip.map(|p| p.reflect(origin, degrees)),
        };
        Posed {
            pelvis,
            mid,
            neck_base,
            head,
            arm: left_arm,
            far_arm: mirror(right_arm, neck_base, upper),
            leg: left_leg,
            far_leg: mirror(right_leg, pelvis, lower),
            shoulders: Some((shoulder, shoulder.reflect(neck_base, upper))),
            hips: Some((hip, hip.reflect(pelvis, lower))),
        }
    } else {
        Posed {
            pelvis,
            mid,
            neck_base,
            head,
            arm: arm(neck_base, upper, frame.arm, reach),
            far_arm: arm(neck_base, upper, far_arm_angles, far_reach),
            leg: leg(pelvis, lower, frame.leg, bones::FOOT),
            far_leg: leg(pelvis, lower, far_leg_angles, bones::FOOT),
            shoulders: None,
            hips: None,
        }
    }
}

/// An axis-aligned box, y up.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    min: Point,
    max: Point,
}

impl Default for Bounds {
    fn default() -> Self {
        Self::empty()
    }
}

impl Bounds {
    fn empty() -> Self {
        Self { min: Point::new(f64::MAX, f64::MAX), max: Point::new(f64::MIN, f64::MIN) }
    }

    fn add(&mut self, p: Point, spread: f64) {
        self.min.x = self.min.x.min(p.x - spread);
        self.min.y = self.min.y.min(p.y - spread);
        self.max.x = self.max.x.max(p.x + spread);
        self.max.y = self.max.y.max(p.y + spread);
    }

    fn width(&self) -> f64 {
        self.max.x - self.min.x
    }
}

/// SVG drawing commands in figure coordinates (y up); flipped when written.
#[derive(Debug, Default)]
struct Sketch {
    /// Props and the floor, drawn first.
    back: Vec<Shape>,
    /// Far limbs, drawn lighter.
    far: Vec<Shape>,
    /// The torso, head and near limbs.
    near: Vec<Shape>,
    /// Arrows, drawn last.
    marks: Vec<Shape>,
    bounds: Bounds,
}

#[derive(Debug, Clone)]
enum Shape {
    /// A polyline; `curve` draws a quadratic curve through the middle point.
    Line {
        points: Vec<Point>,
        curve: bool,
        class: Ink,
    },
    Circle {
        center: Point,
        r: f64,
        class: Ink,
    },
    Rect {
        min: Point,
        max: Point,
        rx: f64,
    },
    /// An arc of an ellipse from `from` to `to` degrees (counter-clockwise when to > from).
    Arc {
        center: Point,
        r: f64,
        ry: f64,
        from: f64,
        to: f64,
    },
}

/// How a shape is inked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    /// A body stroke.
    Body,
    /// A near limb: a body stroke with a thin outline in the paper colour,
    /// so that it reads where it crosses the torso.
    Limb,
    /// The head, filled.
    Head,
    /// The floor line.
    Floor,
    /// A prop outline with a light fill.
    Prop,
    /// A prop drawn as a line (band, strap, wall).
    Cord,
    /// A movement arrow.
    Mark,
}

fn limb_shape(limb: &Limb, class: Ink) -> Shape {
    let mut points = vec![limb.root, limb.middle, limb.end];
    if let Some(tip) = limb.tip {
        points.push(tip);
    }
    Shape::Line { points, curve: false, class }
}

fn sketch(spec: &FigureSpec, frame: &Frame) -> Sketch {
    let posed = pose(frame, spec.view);
    let mut sketch = Sketch::default();
    for (p, spread) in posed.extent() {
        sketch.bounds.add(p, spread);
    }
    let floor = sketch.bounds.min.y;
    let s = bones::STROKE / 2.0;
    // The head is a filled circle; the neck stops short of it, pictogram style.
    let neck_dir = (posed.head.y - posed.neck_base.y).atan2(posed.head.x - posed.neck_base.x) * 180.0 / PI;
    let neck_top = posed.neck_base.toward(neck_dir, bones::NECK - bones::HEAD - 1.5);
    let torso = Shape::Line { points: vec![posed.pelvis, posed.mid, posed.neck_base], curve: true, class: Ink::Body };
    let neck = Shape::Line { points: vec![posed.neck_base, neck_top], curve: false, class: Ink::Body };
    let head = Shape::Circle { center: posed.head, r: bones::HEAD, class: Ink::Head };
    match spec.view {
        View::Side => {
            sketch.far.push(limb_shape(&posed.far_leg, Ink::Body));
            sketch.far.push(limb_shape(&posed.far_arm, Ink::Body));
            // The head goes on top: in a side view it is often between the arms.
            sketch.near.extend([
                torso,
                neck,
                limb_shape(&posed.leg, Ink::Body),
                limb_shape(&posed.arm, Ink::Limb),
                head,
            ]);
        }
        View::Front | View::Top => {
            let mut body = vec![torso, neck];
            if let Some((l, r)) = posed.shoulders {
                body.push(Shape::Line { points: vec![l, r], curve: false, class: Ink::Body });
            }
            if let Some((l, r)) = posed.hips {
                body.push(Shape::Line { points: vec![l, r], curve: false, class: Ink::Body });
            }
            body.extend([limb_shape(&posed.leg, Ink::Body), limb_shape(&posed.far_leg, Ink::Body)]);
            let arms = [limb_shape(&posed.far_arm, Ink::Limb), limb_shape(&posed.arm, Ink::Limb)];
            if frame.head_behind {
                body.push(head);
                body.extend(arms);
            } else {
                body.extend(arms);
                body.push(head);
            }
            sketch.near.extend(body);
        }
    }
    for prop in &frame.props {
        let shapes = prop_shapes(prop, &posed, floor, s);
        for shape in &shapes {
            extend_bounds(&mut sketch.bounds, shape);
        }
        // A band or strap is held in the hands, in front of the body.
        match prop {
            PropShape::Band { .. } | PropShape::Strap { .. } => sketch.marks.extend(shapes),
            _ => sketch.back.extend(shapes),
        }
    }
    for mark in &frame.marks {
        let shapes = mark_shapes(mark, &posed);
        for shape in &shapes {
            extend_bounds(&mut sketch.bounds, shape);
        }
        sketch.marks.extend(shapes);
    }
    if spec.view == View::Top {
        let b = sketch.bounds;
        let mat = Shape::Rect {
            min: Point::new(b.min.x - 4.0, b.min.y - 4.0),
            max: Point::new(b.max.x + 4.0, b.max.y + 4.0),
            rx: 3.0,
        };
        extend_bounds(&mut sketch.bounds, &mat);
        sketch.back.insert(0, mat);
    } else {
        // The floor: a little wider than the figure.
        let b = sketch.bounds;
        sketch.back.insert(
            0,
            Shape::Line {
                points: vec![Point::new(b.min.x - 5.0, floor), Point::new(b.max.x + 5.0, floor)],
                curve: false,
                class: Ink::Floor,
            },
        );
        sketch.bounds.add(Point::new(b.min.x - 5.0, floor), 0.0);
        sketch.bounds.add(Point::new(b.max.x + 5.0, floor), 0.0);
    }
    sketch
}

fn extend_bounds(bounds: &mut Bounds, shape: &Shape) {
    match shape {
        Shape::Line { points, .. } => {
            for p in points {
                bounds.add(*p, 1.5);
            }
        }
        Shape::Circle { center, r, .. } => bounds.add(*center, *r + 1.0),
        Shape::Rect { min, max, .. } => {
            bounds.add(*min, 1.0);
            bounds.add(*max, 1.0);
        }
        Shape::Arc { center, r, ry, .. } => {
            bounds.add(Point::new(center.x - r, center.y - ry), 3.0);
            bounds.add(Point::new(center.x + r, center.y + ry), 3.0);
        }
    }
}

fn prop_shapes(prop: &PropShape, posed: &Posed, floor: f64, s: f64) -> Vec<Shape> {
    // The underside of a joint: where the ink of the body stops.
    let underside = |joint: Joint| {
        let p = posed.joint(joint);
        let spread = if joint == Joint::Head { bones::HEAD } else { s };
        Point::new(p.x, p.y - spread)
    };
    match prop {
        PropShape::Block { under } => {
            let top = underside(*under);
            let h = (top.y - floor).max(3.0);
            vec![Shape::Rect { min: Point::new(top.x - 7.0, floor), max: Point::new(top.x + 7.0, floor + h), rx: 1.0 }]
        }
        PropShape::Bolster { under } => {
            let top = underside(*under);
            let h = (top.y - floor).max(4.0);
            vec![Shape::Rect {
                min: Point::new(top.x - 14.0, floor),
                max: Point::new(top.x + 14.0, floor + h),
                rx: h / 2.0,
            }]
        }
        PropShape::Roller { under } => {
            let top = underside(*under);
            let r = ((top.y - floor) / 2.0).max(2.0);
            vec![Shape::Circle { center: Point::new(top.x, floor + r), r, class: Ink::Prop }]
        }
        PropShape::Chair { under } => {
            let top = underside(*under);
            let (x, y) = (top.x, top.y - 1.0);
            vec![
                Shape::Line {
                    points: vec![Point::new(x - 11.0, y), Point::new(x + 11.0, y)],
                    curve: false,
                    class: Ink::Cord,
                },
                Shape::Line {
                    points: vec![Point::new(x - 9.0, y), Point::new(x - 9.0, floor)],
                    curve: false,
                    class: Ink::Cord,
                },
                Shape::Line {
                    points: vec![Point::new(x + 9.0, y), Point::new(x + 9.0, floor)],
                    curve: false,
                    class: Ink::Cord,
                },
            ]
        }
        PropShape::Wall { at, behind, gap } => {
            let p = posed.joint(*at);
            let x = if *behind { p.x - s - gap } else { p.x + s + gap };
            let top = posed.extent().iter().map(|(q, r)| q.y + r).fold(floor, f64::max) + 8.0;
            vec![Shape::Line { points: vec![Point::new(x, floor), Point::new(x, top)], curve: false, class: Ink::Cord }]
        }
        PropShape::Door { at } => {
            // The post stands just behind the joint that leans on it.
            let p = posed.joint(*at);
            let x = p.x - s - 6.0;
            let top = posed.extent().iter().map(|(q, r)| q.y + r).fold(floor, f64::max) + 8.0;
            vec![Shape::Rect { min: Point::new(x, floor), max: Point::new(x + 5.0, top), rx: 0.0 }]
        }
        PropShape::Panel => {
            let top = posed.extent().iter().map(|(q, r)| q.y + r).fold(floor, f64::max) + 6.0;
            let (left, right) = posed
                .extent()
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, r), (q, spread)| (l.min(q.x - spread), r.max(q.x + spread)));
            vec![Shape::Rect { min: Point::new(left - 6.0, floor), max: Point::new(right + 6.0, top), rx: 0.0 }]
        }
        PropShape::Band { from, to } | PropShape::Strap { from, to } => {
            vec![Shape::Line { points: vec![posed.joint(*from), posed.joint(*to)], curve: false, class: Ink::Cord }]
        }
        PropShape::Cable { from, to } => {
            let p = posed.joint(*from);
            let anchor = Point::new(p.x + to[0], p.y + to[1]);
            vec![
                Shape::Line { points: vec![p, anchor], curve: false, class: Ink::Cord },
                Shape::Circle { center: anchor, r: 2.0, class: Ink::Prop },
            ]
        }
    }
}

fn arrow_head(tip: Point, direction: f64) -> Shape {
    Shape::Line {
        points: vec![tip.toward(direction + 150.0, 4.5), tip, tip.toward(direction - 150.0, 4.5)],
        curve: false,
        class: Ink::Mark,
    }
}

fn mark_shapes(mark: &Mark, posed: &Posed) -> Vec<Shape> {
    match mark {
        Mark::Arrow { at, dir, len, offset } => {
            let p = posed.joint(*at);
            let start = Point::new(p.x + offset[0], p.y + offset[1]);
            let end = start.toward(*dir, *len);
            vec![Shape::Line { points: vec![start, end], curve: false, class: Ink::Mark }, arrow_head(end, *dir)]
        }
        Mark::Arc { at, r, ry, from, to, offset } => {
            let p = posed.joint(*at);
            let center = Point::new(p.x + offset[0], p.y + offset[1]);
            let ry = ry.unwrap_or(*r);
            let end = on_ellipse(center, *r, ry, *to);
            // The direction of travel at the end.
            let before = on_ellipse(center, *r, ry, if to > from { to - 2.0 } else { to + 2.0 });
            let tangent = (end.y - before.y).atan2(end.x - before.x) * 180.0 / PI;
            vec![Shape::Arc { center, r: *r, ry, from: *from, to: *to }, arrow_head(end, tangent)]
        }
    }
}

/// The point at `degrees` on an ellipse with radii `rx` and `ry`.
fn on_ellipse(center: Point, rx: f64, ry: f64, degrees: f64) -> Point {
    let t = degrees * PI / 180.0;
    Point::new(center.x + rx * t.cos(), center.y + ry * t.sin())
}

fn fmt(v: f64) -> String {
    // One decimal is plenty at this size and keeps the bytes stable.
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 { "0".to_owned() } else { format!("{v}") }
}

/// Writes shapes, mapping figure coordinates (y up) through `to_svg`.
fn write_shapes(out: &mut String, shapes: &[Shape], to_svg: &dyn Fn(Point) -> Point, stroke: f64) {
    for shape in shapes {
        match shape {
            Shape::Line { points, curve, class } => {
                let pts: Vec<Point> = points.iter().map(|p| to_svg(*p)).collect();
                let mut d = String::new();
                if *curve && let &[a, m, b] = pts.as_slice() {
                    // A quadratic curve through the middle point.
                    let c = Point::new(2.0 * m.x - (a.x + b.x) / 2.0, 2.0 * m.y - (a.y + b.y) / 2.0);
                    let _ = write!(d, "M{} {}Q{} {} {} {}", fmt(a.x), fmt(a.y), fmt(c.x), fmt(c.y), fmt(b.x), fmt(b.y));
                } else {
                    for (i, p) in pts.iter().enumerate() {
                        let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, fmt(p.x), fmt(p.y));
                    }
                }
                if *class == Ink::Limb {
                    let _ = write!(
                        out,
                        r##"<path d="{d}" class="halo" stroke="#fff" stroke-width="{}"/>"##,
                        fmt(stroke + 2.5)
                    );
                }
                let attrs = match class {
                    Ink::Body | Ink::Limb => format!(r#"stroke-width="{}""#, fmt(stroke)),
                    Ink::Floor => format!(r#"stroke-width="{}" stroke-opacity=".5""#, fmt(stroke * 0.3)),
                    Ink::Cord => format!(r#"stroke-width="{}" stroke-opacity=".7""#, fmt(stroke * 0.35)),
                    Ink::Mark => format!(r#"stroke-width="{}""#, fmt(stroke * 0.3)),
                    Ink::Prop | Ink::Head => format!(r#"stroke-width="{}""#, fmt(stroke * 0.3)),
                };
                let _ = write!(out, r#"<path d="{d}" {attrs}/>"#);
            }
            Shape::Circle { center, r, class } => {
                let c = to_svg(*center);
                let r = *r * (to_svg(Point::new(1.0, 0.0)).x - to_svg(Point::new(0.0, 0.0)).x).abs();
                match class {
                    Ink::Head => {
                        let _ = write!(
                            out,
                            r##"<circle cx="{}" cy="{}" r="{}" class="halo" fill="#fff" stroke="none"/>"##,
                            fmt(c.x),
                            fmt(c.y),
                            fmt(r + 1.3)
                        );
                        let _ = write!(
                            out,
                            r#"<circle cx="{}" cy="{}" r="{}" fill="currentColor" stroke="none"/>"#,
                            fmt(c.x),
                            fmt(c.y),
                            fmt(r)
                        );
                    }
                    _ => {
                        let _ = write!(
                            out,
                            r#"<circle cx="{}" cy="{}" r="{}" fill="currentColor" fill-opacity=".15" stroke-width="{}" stroke-opacity=".7"/>"#,
                            fmt(c.x),
                            fmt(c.y),
                            fmt(r),
                            fmt(stroke * 0.3)
                        );
                    }
                }
            }
            Shape::Rect { min, max, rx, .. } => {
                let a = to_svg(*min);
                let b = to_svg(*max);
                let scale = (to_svg(Point::new(1.0, 0.0)).x - to_svg(Point::new(0.0, 0.0)).x).abs();
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="currentColor" fill-opacity=".12" stroke-width="{}" stroke-opacity=".6"/>"#,
                    fmt(a.x.min(b.x)),
                    fmt(a.y.min(b.y)),
                    fmt((b.x - a.x).abs()),
                    fmt((b.y - a.y).abs()),
                    fmt(rx * scale),
                    fmt(stroke * 0.3)
                );
            }
            Shape::Arc { center, r, ry, from, to } => {
                let a = to_svg(on_ellipse(*center, *r, *ry, *from));
                let b = to_svg(on_ellipse(*center, *r, *ry, *to));
                let scale = (to_svg(Point::new(1.0, 0.0)).x - to_svg(Point::new(0.0, 0.0)).x).abs();
                let large = if (to - from).abs() > 180.0 { 1 } else { 0 };
                // y is flipped, so counter-clockwise in figure space is clockwise on screen
                // (sweep 0); a mirrored drawing is flipped again by the outer transform.
                let sweep = if to > from { 0 } else { 1 };
                let _ = write!(
                    out,
                    r#"<path d="M{} {}A{} {} 0 {large} {sweep} {} {}" stroke-width="{}"/>"#,
                    fmt(a.x),
                    fmt(a.y),
                    fmt(r * scale),
                    fmt(ry * scale),
                    fmt(b.x),
                    fmt(b.y),
                    fmt(stroke * 0.3)
                );
            }
        }
    }
}

fn render(spec: &FigureSpec, mirrored: bool) -> String {
    let box_w = box_width(spec);
    let sketches: Vec<Sketch> = spec.frames.iter().map(|f| sketch(spec, f)).collect();
    const GAP: f64 = 20.0;
    const MARGIN: f64 = 3.0;
    // Frames side by side, floors aligned.
    let total_w: f64 = sketches.iter().map(|s| s.bounds.width()).sum::<f64>() + GAP * (sketches.len() as f64 - 1.0);
    let floor_to_top = sketches.iter().map(|s| s.bounds.max.y - floor_of(s)).fold(0.0, f64::max);
    let below_floor = sketches.iter().map(|s| floor_of(s) - s.bounds.min.y).fold(0.0, f64::max);
    let total_h = floor_to_top + below_floor;
    // Fill the box, so a lying figure is as easy to read as a standing one.
    let scale = ((box_w - 2.0 * MARGIN) / total_w).min((HEIGHT - 2.0 * MARGIN) / total_h).min(1.3);
    let floor_y = HEIGHT / 2.0 + total_h * scale / 2.0 - below_floor * scale;
    let mut x = (box_w - total_w * scale) / 2.0;
    // Figures drawn smaller to fit keep most of their line weight, so every card looks alike.
    let stroke = bones::STROKE * scale.clamp(0.85, 1.1);
    let mut out = String::new();
    if mirrored {
        let _ = write!(out, r#"<g transform="matrix(-1 0 0 1 {} 0)">"#, fmt(box_w));
    }
    out.push_str(r#"<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">"#);
    for (i, sketch) in sketches.iter().enumerate() {
        let left = x;
        let floor = floor_of(sketch);
        let min_x = sketch.bounds.min.x;
        let to_svg = move |p: Point| Point::new(left + (p.x - min_x) * scale, floor_y - (p.y - floor) * scale);
        write_shapes(&mut out, &sketch.back, &to_svg, stroke);
        if !sketch.far.is_empty() {
            out.push_str(r#"<g stroke-opacity=".4">"#);
            write_shapes(&mut out, &sketch.far, &to_svg, stroke);
            out.push_str("</g>");
        }
        write_shapes(&mut out, &sketch.near, &to_svg, stroke);
        write_shapes(&mut out, &sketch.marks, &to_svg, stroke);
        x += sketch.bounds.width() * scale;
        if i + 1 < sketches.len() {
            // A two-way arrow between the frames of a movement.
            let y = floor_y - floor_to_top * scale * 0.5;
            let (a, b) = (x + 2.0, x + GAP * scale - 2.0);
            let _ = write!(
                out,
                r#"<path d="M{a} {y}H{b}M{a2} {y1}L{a} {y}L{a2} {y2}M{b2} {y1}L{b} {y}L{b2} {y2}" stroke-width="1.8"/>"#,
                a = fmt(a),
                b = fmt(b),
                y = fmt(y),
                a2 = fmt(a + 3.5),
                b2 = fmt(b - 3.5),
                y1 = fmt(y - 3.5),
                y2 = fmt(y + 3.5),
            );
            x += GAP * scale;
        }
    }
    out.push_str("</g>");
    if mirrored {
        out.push_str("</g>");
    }
    out
}

/// The floor of a sketch: the lowest point of the body (props may go lower only in a top view).
fn floor_of(sketch: &Sketch) -> f64 {
    sketch
        .back
        .iter()
        .find_map(|shape| match shape {
            Shape::Line { points, class: Ink::Floor, .. } => points.first().map(|p| p.y),
            _ => None,
        })
        .unwrap_or(sketch.bounds.min.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_catalog_pose_has_a_figure_and_every_figure_a_pose() {
        let catalog = Catalog::builtin();
        let ids = pose_ids();
        for pose in catalog.poses() {
            assert!(ids.contains(&pose.id.as_str()), "no figure for {}", pose.id);
        }
        for id in ids {
            assert!(catalog.pose(id).is_some_and(|p| p.id == id), "figure for unknown pose {id}");
        }
    }

    fn frame(json: serde_json::Value) -> Frame {
        serde_json::from_value(json).expect("a frame")
    }

    fn distance(a: Point, b: Point) -> f64 {
        (a.x - b.x).hypot(a.y - b.y)
    }

    /// Which side of the line through `origin` in direction `degrees` a point is on.
    fn side_of(p: Point, origin: Point, degrees: f64) -> f64 {
        let r = degrees * PI / 180.0;
        (r.cos() * (p.y - origin.y) - r.sin() * (p.x - origin.x)).signum()
    }

    /// Upright, the figure's right side is the mirror image of its left across
    /// the middle of the drawing, as it always was.
    #[test]
    fn an_upright_front_view_is_mirrored_across_the_middle() {
        let f = frame(serde_json::json!({ "torso": 90, "arm": [40, 30], "leg": [20, 10, 5] }));
        let posed = pose(&f, View::Front);
        for (near, far) in [(posed.arm, posed.far_arm), (posed.leg, posed.far_leg)] {
            for (a, b) in [(near.root, far.root), (near.middle, far.middle), (near.end, far.end)] {
                assert!((a.x + b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9, "{a:?} {b:?}");
            }
        }
    }

    /// Tipped sideways (triangle, side plank, gate), the right side is mirrored
    /// across the spine, so both shoulders and both hips stay on the torso and
    /// the limbs with the same angles are mirror images across it.
    #[test]
    fn a_tilted_front_view_keeps_both_sides_on_the_spine() {
        let f = frame(serde_json::json!({ "torso": 30, "spine": 10, "arm": [100, 20], "leg": [110, 15, 0] }));
        let posed = pose(&f, View::Front);
        let upper = 20.0;
        let (left, right) = posed.shoulders.expect("a shoulder line");
        assert!((distance(left, posed.neck_base) - bones::SHOULDER_HALF).abs() < 1e-9);
        assert!((distance(right, posed.neck_base) - bones::SHOULDER_HALF).abs() < 1e-9);
        let (left, right) = posed.hips.expect("a hip line");
        assert!((distance(left, posed.pelvis) - bones::HIP_HALF).abs() < 1e-9);
        assert!((distance(right, posed.pelvis) - bones::HIP_HALF).abs() < 1e-9);
        assert!((distance(posed.arm.end, posed.neck_base) - distance(posed.far_arm.end, posed.neck_base)).abs() < 1e-9);
        assert_eq!(side_of(posed.far_arm.end, posed.neck_base, upper), -side_of(posed.arm.end, posed.neck_base, upper));
        assert!((distance(posed.leg.end, posed.pelvis) - distance(posed.far_leg.end, posed.pelvis)).abs() < 1e-9);
        assert_eq!(side_of(posed.far_leg.end, posed.pelvis, 30.0), -side_of(posed.leg.end, posed.pelvis, 30.0));
    }

    /// A top view is a figure lying face up seen from above: shoulder and hip
    /// lines, both sides drawn alike, on a mat rather than a floor line.
    #[test]
    fn a_top_view_is_built_like_a_front_view() {
        let f = frame(serde_json::json!({ "torso": 90, "arm": [95, 0], "leg": [60, 90, 0] }));
        let posed = pose(&f, View::Top);
        assert!(posed.shoulders.is_some() && posed.hips.is_some());
        assert!((posed.arm.end.x + posed.far_arm.end.x).abs() < 1e-9);
        let spec = FigureSpec { pose: "test".to_owned(), view: View::Top, frames: vec![f] };
        let drawn = sketch(&spec, &spec.frames[0]);
        assert!(drawn.far.is_empty(), "no lighter far side from above");
        assert!(matches!(drawn.back.first(), Some(Shape::Rect { .. })), "a mat, not a floor line");
    }

    /// `torso_reach` shortens the back and the neck, not the head or the limbs.
    #[test]
    fn torso_reach_shortens_the_back_and_neck() {
        let full = pose(&frame(serde_json::json!({ "torso": 270, "arm": [180, 0], "leg": [160, 0, 0] })), View::Front);
        let half = pose(
            &frame(serde_json::json!({ "torso": 270, "torso_reach": 0.5, "arm": [180, 0], "leg": [160, 0, 0] })),
            View::Front,
        );
        let back = bones::LOWER_BACK + bones::UPPER_BACK;
        assert!((distance(full.pelvis, full.neck_base) - back).abs() < 1e-9);
        assert!((distance(half.pelvis, half.neck_base) - back / 2.0).abs() < 1e-9);
        assert!((distance(half.neck_base, half.head) - bones::NECK / 2.0).abs() < 1e-9);
        let arm = |p: &Posed| distance(p.arm.root, p.arm.end);
        assert!((arm(&full) - arm(&half)).abs() < 1e-9);
        assert!((distance(half.leg.root, half.leg.end) - distance(full.leg.root, full.leg.end)).abs() < 1e-9);
    }

    #[test]
    fn every_figure_draws_the_same_way_every_time() {
        for id in pose_ids() {
            for mirrored in [false, true] {
                let svg = draw(id, mirrored).map(|d| d.svg).unwrap_or_default();
                assert!(!svg.is_empty());
                assert_eq!(Some(&svg), draw(id, mirrored).as_ref().map(|d| &d.svg), "{id} is not deterministic");
                assert!(!svg.contains("NaN") && !svg.contains("inf"), "{id}: {svg}");
            }
        }
    }
}
