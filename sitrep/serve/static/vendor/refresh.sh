#!/usr/bin/env bash
# Re-create this folder from the npm registry: `npm pack` each pinned package into a temporary folder,
# check its SHA-256, copy the dist files. No package.json, no node_modules, no build step; run it only to
# upgrade a package (then update the versions, hashes and PROVENANCE.md together).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME@VERSION SHA256 -> unpacked into $work/NAME/package
  local spec="$1" sha="$2" name="${1%@*}"
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  local tarball
  tarball="$(ls "$work"/"${name//\//-}"-*.tgz)"
  echo "$sha  $tarball" | sha256sum --check --quiet
  mkdir -p "$work/$name" && tar xzf "$tarball" -C "$work/$name"
}

fetch leaflet@1.9.4 84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77
fetch leaflet.markercluster@1.5.3 fc6b0b1d00b6c708ae54e43ee4a11ac345e41660e19f0a570190bb35babb1a1c
fetch topojson-client@3.1.0 889fadb422f6236d0f8337a236ce6499f258b75e44b81733b13bd971067322bf
fetch world-atlas@2.0.2 032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
fetch swagger-ui-dist@5.35.0 1b8e891893404ea4c3558b6a87e2a3e494e7eedba41168c2ece5800a391a6ea6

copy() {  # copy SOURCE_DIR DEST_SUBDIR FILE...
  local source="$1" dest="$here/$2"
  shift 2
  mkdir -p "$dest"
  for file in "$@"; do cp "$source/$file" "$dest/"; done
}

copy "$work/leaflet/package/dist" leaflet leaflet.js leaflet.css
copy "$work/leaflet/package" leaflet LICENSE
copy "$work/leaflet/package/dist/images" leaflet/images \
  layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png
copy "$work/leaflet.markercluster/package/dist" markercluster \
  leaflet.markercluster.js MarkerCluster.css MarkerCluster.Default.css
cp "$work/leaflet.markercluster/package/MIT-LICENCE.txt" "$here/markercluster/LICENSE"
copy "$work/topojson-client/package/dist" topojson topojson-client.min.js
copy "$work/topojson-client/package" topojson LICENSE
copy "$work/world-atlas/package" world-atlas countries-50m.json LICENSE
copy "$work/swagger-ui-dist/package" swagger-ui \
  swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE favicon-32x32.png
echo "vendored into $here"
