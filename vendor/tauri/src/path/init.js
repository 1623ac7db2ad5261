// Copyright 2019-2024 Tauri Programme within The Commons Conservancy
// SPDX-License-Identifier: Apache-2.0
// SPDX-License-Identifier: MIT

Object.defineProperty(window.__TAURI_INTERNALS__.plugins, 'path', {
  value: {
    sep: __TEMPLATE_sep__,
    delimiter: __TEMPLATE_delimiter__
  }
})
