//! Incident Map: attacks and strikes in Iraq and Syria on a Leaflet map.
//!
//! Data flows one way: fetch (`api`) → parse and validate (`parse`) → filter (`filter`) → views
//! (`app`, `map_view`, `detail`, `status`). `model`, `parse`, `filter` and `symbol` use no web crate and are
//! tested on the host.

pub mod model;
pub mod parse;
pub mod filter;
pub mod index;
pub mod export;
pub mod summary;
pub mod cluster;
pub mod histogram;
pub mod order;
pub mod gazetteer;
pub mod symbol;
pub mod contract;
pub mod url_state;
pub mod text;
pub mod i18n;
pub mod api;

pub mod app;
pub mod basemap;
pub mod detail;
pub mod download;
pub mod embed;
pub mod file_open;
pub mod filters;
pub mod history;
pub mod leaflet_ext;
pub mod legend;
pub mod map_view;
pub mod png;
pub mod mark_paint;
pub mod mark_layer;
pub mod report;
pub mod status;
pub mod theme;
pub mod timeline;
pub mod list;
pub mod site_view;

pub use app::App;
